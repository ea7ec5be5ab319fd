import { createServer, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { TraceRequest } from '../../src/replay/parse-trace.js';
import {
  type ReplayResult,
  replayTrace,
} from '../../src/replay/replay-trace.js';
import {
  type FakeOpenAiServer,
  startFakeOpenAiServer,
} from './fake-openai-server.js';

const TRACE: TraceRequest[] = [
  { offsetMs: 0, inputTokens: 10, outputTokens: 3 },
  { offsetMs: 100, inputTokens: 200, outputTokens: 7 },
  { offsetMs: 300, inputTokens: 1_000, outputTokens: 1 },
  { offsetMs: 300, inputTokens: 5, outputTokens: 12 },
];

let server: FakeOpenAiServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

describe('replayTrace', () => {
  it('sends every trace row', async () => {
    server = await startFakeOpenAiServer();
    const summary = await replayTrace({
      target: server.url,
      model: 'm',
      requests: TRACE,
      speed: 10,
    });
    expect(summary.completed).toBe(4);
    expect(server.received.map((r) => r.body.max_tokens).sort()).toEqual(
      [1, 12, 3, 7].sort(),
    );
  });

  it('sizes prompts by input tokens', async () => {
    server = await startFakeOpenAiServer();
    await replayTrace({ target: server.url, requests: TRACE, speed: 100 });
    const words = server.received
      .map((r) => r.body.prompt.split(' ').length)
      .sort((a, b) => a - b);
    expect(words).toEqual([7, 12, 202, 1_002]);
  });

  it('defaults to the first listed model', async () => {
    server = await startFakeOpenAiServer({}, ['first', 'second']);
    await replayTrace({ target: server.url, requests: TRACE, speed: 100 });
    expect(new Set(server.received.map((r) => r.body.model))).toEqual(
      new Set(['first']),
    );
  });

  it('sends no request before due', async () => {
    server = await startFakeOpenAiServer();
    const origin = performance.now();
    const results: ReplayResult[] = [];
    await replayTrace({
      target: server.url,
      requests: TRACE,
      speed: 2,
      originMs: origin,
      onResult: (result) => results.push(result),
    });
    const due = results.map((r) => r.dueMs).sort((a, b) => a - b);
    expect(due).toEqual([0, 50, 150, 150]);
    const arrivals = server.received.map((r) => r.atMs - origin);
    expect(arrivals[3]!).toBeGreaterThanOrEqual(149);
  });

  it('drops arrivals over the concurrency limit', async () => {
    server = await startFakeOpenAiServer({ hang: true });
    const burst = TRACE.map((row) => ({ ...row, offsetMs: 0 }));
    const summary = await replayTrace({
      target: server.url,
      requests: burst,
      concurrency: 2,
      timeLimitMs: 300,
    });
    expect(summary).toMatchObject({ sent: 2, dropped: 2, cancelled: 2 });
  });

  it('stops at the time limit', async () => {
    server = await startFakeOpenAiServer({ hang: true });
    const summary = await replayTrace({
      target: server.url,
      requests: [{ offsetMs: 0, inputTokens: 1, outputTokens: 1 }],
      timeLimitMs: 200,
    });
    expect(summary.timeLimitReached).toBe(true);
  });

  it('counts request timeouts', async () => {
    server = await startFakeOpenAiServer({ hang: true });
    const summary = await replayTrace({
      target: server.url,
      requests: TRACE.slice(0, 1),
      requestTimeoutMs: 100,
    });
    expect(summary.timeouts).toBe(1);
  });

  it.each([
    [429, 'rejected'],
    [503, 'rejected'],
    [500, 'errors'],
    [404, 'errors'],
  ] as const)('counts status %i as %s', async (status, field) => {
    server = await startFakeOpenAiServer({ status });
    const summary = await replayTrace({
      target: server.url,
      requests: TRACE,
      speed: 100,
    });
    expect(summary[field]).toBe(4);
  });

  it('measures time to first token', async () => {
    server = await startFakeOpenAiServer();
    const results: ReplayResult[] = [];
    await replayTrace({
      target: server.url,
      requests: TRACE,
      speed: 100,
      streamEvery: 2,
      onResult: (result) => results.push(result),
    });
    const streamed = results.filter((r) => r.ttftMs !== undefined);
    expect(streamed.map((r) => r.index).sort()).toEqual([0, 2]);
  });

  it('reads cache hits from x-cache', async () => {
    server = await startFakeOpenAiServer();
    const results: ReplayResult[] = [];
    await replayTrace({
      target: server.url,
      requests: TRACE,
      speed: 100,
      onResult: (result) => results.push(result),
    });
    expect(results.filter((r) => r.cached)).toHaveLength(2);
  });

  it('rejects an unreachable target', async () => {
    const target = `http://127.0.0.1:${await freePort()}`;
    await expect(
      replayTrace({ target, requests: TRACE }),
    ).rejects.toMatchObject({
      code: 'TARGET_UNREACHABLE',
      message: expect.stringMatching(
        /^cannot reach target http:\/\/127\.0\.0\.1:\d+\/: connect ECONNREFUSED/,
      ),
    });
  });

  it('rejects a target that never answers', async () => {
    // The server accepts connections but never reads from them.
    const sockets: Socket[] = [];
    const silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) =>
      silent.listen(0, '127.0.0.1', resolve),
    );
    const { port } = silent.address() as { port: number };
    try {
      await expect(
        replayTrace({
          target: `http://127.0.0.1:${port}`,
          requests: TRACE,
          probeTimeoutMs: 200,
        }),
      ).rejects.toMatchObject({ code: 'TARGET_UNREACHABLE' });
    } finally {
      for (const socket of sockets) {
        socket.destroy();
      }
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it.each([
    ['speed', { speed: 0 }],
    ['concurrency', { concurrency: -1 }],
    ['timeLimitMs', { timeLimitMs: Number.NaN }],
  ])('rejects invalid %s', async (_name, override) => {
    await expect(
      replayTrace({
        target: 'http://127.0.0.1:1',
        requests: TRACE,
        ...override,
      }),
    ).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it('rejects a non-http target', async () => {
    await expect(
      replayTrace({ target: 'ftp://127.0.0.1', requests: TRACE }),
    ).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });
});
