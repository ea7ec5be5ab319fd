import { afterEach, describe, expect, it } from 'vitest';
import {
  fastSimulatedModel,
  postJson,
  type StartedApp,
  startApp,
} from '../support/start-app.js';
import { waitUntil } from '../support/wait-until.js';

let started: StartedApp | undefined;

afterEach(async () => {
  await started?.app.stop();
  started = undefined;
});

function complete(url: string, model: string, prompt: string, headers = {}) {
  return postJson(
    `${url}/v1/completions`,
    { model, prompt, max_tokens: 2 },
    headers,
  );
}

describe('batching and caching', () => {
  it('finishes a burst of 1000', async () => {
    started = await startApp({
      models: [
        fastSimulatedModel('burst', {
          maxBatchSize: 8,
          queueLimit: 100,
          adapter: { type: 'simulated', decodePerToken: 10, jitter: 0 },
        }),
      ],
      server: { requestTimeout: 20_000 },
    });
    const { url } = started;

    const responses = await Promise.all(
      Array.from({ length: 1000 }, (_, i) =>
        complete(url, 'burst', `burst ${i}`, { 'cache-control': 'no-cache' }),
      ),
    );

    const ok = responses.filter((r) => r.status === 200);
    const rejected = responses.filter((r) => r.status === 429);
    expect(ok.length + rejected.length).toBe(1000);
    expect(ok.length).toBeGreaterThan(0);
    expect(rejected.every((r) => r.json.error.code === 'QUEUE_FULL')).toBe(
      true,
    );
    expect(started.app.status().inFlightRequests).toBe(0);
  });

  it('rejects a full queue with 429', async () => {
    started = await startApp({
      models: [fastSimulatedModel('full', { maxBatchSize: 1, queueLimit: 2 })],
    });
    const { url, app } = started;
    app.setFault('full', { stall: true });

    const pending = Array.from({ length: 3 }, (_, i) =>
      complete(url, 'full', `stalled ${i}`),
    );
    await waitUntil(() => app.models.get('full')!.status().queueDepth === 2);
    const rejected = await complete(url, 'full', 'one more');
    app.setFault('full', { stall: false });
    await Promise.all(pending);

    expect(rejected.status).toBe(429);
    expect(rejected.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(rejected.json.error.code).toBe('QUEUE_FULL');
  });

  it('grows batches under load', async () => {
    started = await startApp({
      models: [
        fastSimulatedModel('grow', { maxBatchSize: 8, maxBatchDelay: 20 }),
      ],
    });
    const { url } = started;

    await complete(url, 'grow', 'alone');
    const single = started.app.models.get('grow')!.status();
    expect(single.maxBatchSizeSeen).toBe(1);

    await Promise.all(
      Array.from({ length: 32 }, (_, i) => complete(url, 'grow', `load ${i}`)),
    );
    const loaded = started.app.models.get('grow')!.status();
    expect(loaded.maxBatchSizeSeen).toBe(8);
    expect(loaded.averageBatchSize).toBeGreaterThan(2);
  });

  it('serves cache hits without the model', async () => {
    let calls = 0;
    started = await startApp(
      { models: [{ name: 'fn', adapter: { type: 'function' } }] },
      {
        functions: {
          fn: async ({ prompt }) => {
            calls += 1;
            return `echo ${prompt}`;
          },
        },
      },
    );
    const { url } = started;
    const callsAfterWarmUp = calls;

    const first = await complete(url, 'fn', 'same prompt');
    const second = await complete(url, 'fn', 'same prompt');

    expect(first.headers.get('x-cache')).toBe('miss');
    expect(second.headers.get('x-cache')).toBe('hit');
    expect(second.json.choices[0].text).toBe('echo same prompt');
    expect(calls - callsAfterWarmUp).toBe(1);
  });

  it('skips the cache on no-cache', async () => {
    let calls = 0;
    started = await startApp(
      { models: [{ name: 'fn', adapter: { type: 'function' } }] },
      { functions: { fn: async () => `call ${++calls}` } },
    );
    const { url } = started;

    await complete(url, 'fn', 'p');
    const fresh = await complete(url, 'fn', 'p', {
      'cache-control': 'no-cache',
    });

    expect(fresh.headers.get('x-cache')).toBe('miss');
    expect(fresh.json.choices[0].text).toBe(`call ${calls}`);
  });
});
