import { SimulatedAdapterConfig } from '@mm-orch/config';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CancelledError } from '../../src/errors.js';
import { SimulatedAdapter } from '../../src/models/simulated-adapter.js';
import type { GenerationRequest } from '../../src/models/types.js';

const OPTIONS = SimulatedAdapterConfig.parse({
  type: 'simulated',
  baseLatency: 0,
  prefillPerToken: 0,
  decodePerToken: 0.1,
  jitter: 0,
});

function request(
  prompt: string,
  overrides: Partial<GenerationRequest> = {},
): GenerationRequest {
  return {
    id: prompt,
    kind: 'completion',
    prompt,
    messages: undefined,
    maxTokens: 3,
    temperature: undefined,
    body: {},
    inputTokens: 2,
    onToken: undefined,
    signal: new AbortController().signal,
    ...overrides,
  };
}

describe('SimulatedAdapter', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('returns the same text per prompt', async () => {
    const adapter = new SimulatedAdapter(OPTIONS);

    const [first] = await adapter.generate([request('same')]);
    const [second] = await adapter.generate([request('same')]);

    expect(first).toEqual(second);
    expect(first).toMatchObject({
      completionTokens: 3,
      finishReason: 'length',
    });
  });

  it('streams one piece per token', async () => {
    const adapter = new SimulatedAdapter(OPTIONS);
    const pieces: string[] = [];

    const [result] = await adapter.generate([
      request('stream', { onToken: (text) => pieces.push(text) }),
    ]);

    expect(pieces).toHaveLength(3);
    expect(pieces.join('')).toBe((result as { text: string }).text);
  });

  it('fails requests at the error rate', async () => {
    const adapter = new SimulatedAdapter(OPTIONS);
    adapter.setFaults({ errorRate: 1 });

    const [result] = await adapter.generate([request('fail')]);

    expect(result).toBeInstanceOf(Error);
  });

  it('stalls until the request aborts', async () => {
    const adapter = new SimulatedAdapter(OPTIONS);
    adapter.setFaults({ stall: true });
    const controller = new AbortController();

    const pending = adapter.generate([
      request('stuck', { signal: controller.signal }),
    ]);
    controller.abort();
    const [result] = await pending;

    expect(result).toBeInstanceOf(CancelledError);
  });

  it('retains memory on request', async () => {
    const adapter = new SimulatedAdapter(OPTIONS);
    adapter.setFaults({ memoryGrowthBytes: 1024 });

    await adapter.generate([request('a'), request('b')]);

    expect(adapter.retainedBytes()).toBe(2048);
  });

  it('ends long decode on abort', async () => {
    vi.useFakeTimers();
    const adapter = new SimulatedAdapter(OPTIONS);
    const controller = new AbortController();
    let settled = false;

    const pending = adapter
      .generate([
        request('long', { maxTokens: 1e9, signal: controller.signal }),
      ])
      .finally(() => {
        settled = true;
      });
    await vi.advanceTimersByTimeAsync(10);
    controller.abort();
    await vi.advanceTimersByTimeAsync(10);

    expect(settled).toBe(true);
    expect((await pending)[0]).toBeInstanceOf(CancelledError);
  });
});
