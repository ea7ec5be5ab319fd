import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Batcher } from '../../src/models/batcher.js';
import type {
  GenerationRequest,
  GenerationResult,
} from '../../src/models/types.js';

function request(signal = new AbortController().signal): GenerationRequest {
  return {
    id: 'r',
    kind: 'completion',
    prompt: 'p',
    messages: undefined,
    maxTokens: 1,
    temperature: undefined,
    body: {},
    inputTokens: 1,
    onToken: undefined,
    signal,
  };
}

const RESULT: GenerationResult = {
  text: 'ok',
  finishReason: 'stop',
  promptTokens: 1,
  completionTokens: 1,
};

function createBatcher(
  options: {
    maxBatchSize?: number;
    maxBatchDelayMs?: number;
    queueLimit?: number;
  } = {},
) {
  const sizes: number[] = [];
  let release: () => void = () => {};
  const gate = { hold: false };
  const batcher = new Batcher<undefined>(
    {
      model: 'm',
      maxBatchSize: options.maxBatchSize ?? 4,
      maxBatchDelayMs: options.maxBatchDelayMs ?? 5,
      queueLimit: options.queueLimit ?? 100,
      concurrency: 1,
    },
    async (items) => {
      sizes.push(items.length);
      if (gate.hold) {
        await new Promise<void>((resolve) => {
          release = resolve;
        });
      }
      return items.map(() => RESULT);
    },
  );
  return { batcher, sizes, gate, release: () => release() };
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
});

afterEach(() => {
  vi.useRealTimers();
});

describe('Batcher', () => {
  it('waits for the batch delay', async () => {
    const { batcher, sizes } = createBatcher({ maxBatchDelayMs: 5 });

    const done = batcher.submit(request(), undefined);
    await vi.advanceTimersByTimeAsync(4);
    expect(sizes).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);

    await expect(done).resolves.toBe(RESULT);
    expect(sizes).toEqual([1]);
  });

  it('sends a full batch at once', async () => {
    const { batcher, sizes } = createBatcher({
      maxBatchSize: 3,
      maxBatchDelayMs: 1000,
    });

    const done = Promise.all(
      [1, 2, 3].map(() => batcher.submit(request(), undefined)),
    );
    await vi.advanceTimersByTimeAsync(0);

    expect(sizes).toEqual([3]);
    await expect(done).resolves.toHaveLength(3);
  });

  it('rejects when the queue is full', async () => {
    const { batcher, gate, release } = createBatcher({
      maxBatchSize: 1,
      queueLimit: 1,
    });
    gate.hold = true;

    const running = batcher.submit(request(), undefined);
    await vi.advanceTimersByTimeAsync(5);
    const queued = batcher.submit(request(), undefined);
    const rejected = batcher.submit(request(), undefined);

    await expect(rejected).rejects.toMatchObject({
      status: 429,
      code: 'QUEUE_FULL',
    });
    gate.hold = false;
    release();
    await vi.advanceTimersByTimeAsync(10);
    await expect(Promise.all([running, queued])).resolves.toHaveLength(2);
  });

  it('drops an aborted queued request', async () => {
    const { batcher, sizes } = createBatcher({ maxBatchDelayMs: 5 });
    const controller = new AbortController();

    const aborted = batcher.submit(request(controller.signal), undefined);
    controller.abort(new Error('client left'));

    await expect(aborted).rejects.toThrow('client left');
    expect(batcher.queueDepth).toBe(0);
    await vi.advanceTimersByTimeAsync(10);
    expect(sizes).toEqual([]);
  });
});
