import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  afterAll,
  afterEach,
  beforeAll,
  beforeEach,
  describe,
  expect,
  test,
  vi,
} from 'vitest';
import { AlertRouter } from '../src/alert-router.js';
import { MemoryDestination } from '../src/destinations/memory-destination.js';
import type { AlertRouterOptions } from '../src/router-options.js';
import {
  type LoopbackServer,
  startLoopbackServer,
} from './helpers/loopback-server.js';

let healthy: LoopbackServer;
let broken: LoopbackServer;
let router: AlertRouter | undefined;
let dir: string;

beforeAll(async () => {
  healthy = await startLoopbackServer();
  broken = await startLoopbackServer();
});

beforeEach(() => {
  healthy.requests.length = 0;
  broken.requests.length = 0;
  dir = mkdtempSync(join(tmpdir(), 'alerts-router-'));
});

afterEach(async () => {
  await router?.close(100);
  router = undefined;
  rmSync(dir, { recursive: true, force: true });
});

afterAll(async () => {
  await healthy.close();
  await broken.close();
});

function makeRouter(options: AlertRouterOptions = {}) {
  router = new AlertRouter({
    destinations: [
      { type: 'webhook', name: 'healthy', url: healthy.url },
      { type: 'webhook', name: 'broken', url: broken.url },
    ],
    route: {
      receiver: 'healthy',
      groupWait: 0,
      routes: [
        { matchers: 'team="ops"', receiver: 'healthy', continue: true },
        { matchers: 'team="ops"', receiver: 'broken' },
      ],
    },
    retry: { attempts: 3, baseBackoff: 10, maxBackoff: 50 },
    timeout: 2_000,
    deadLetterPath: join(dir, 'dead.jsonl'),
    ...options,
  });
  return router;
}

describe('router delivery over HTTP', () => {
  test('delivers despite a hanging destination', async () => {
    broken.plan({ kind: 'never' });
    const r = makeRouter();
    r.send({ name: 'Down', labels: { team: 'ops' } });
    await broken.waitForRequests(1);
    await vi.waitFor(() => {
      expect(r.getStatus().destinations.healthy?.delivered).toBe(1);
    });
    expect(r.getStatus().destinations.broken?.queueDepth).toBe(1);
  });

  test('retries a 429 after Retry-After', async () => {
    broken.plan({
      kind: 'status',
      status: 429,
      headers: { 'retry-after': '1' },
    });
    const r = makeRouter();
    r.send({ name: 'Down', labels: { team: 'ops' } });
    await r.flush(5_000);
    expect(broken.requests).toHaveLength(2);
    expect(r.getStatus().destinations.broken?.delivered).toBe(1);
  });

  test('retries a 503 after Retry-After', async () => {
    broken.plan({
      kind: 'status',
      status: 503,
      headers: { 'retry-after': '0' },
    });
    const r = makeRouter();
    r.send({ name: 'Down', labels: { team: 'ops' } });
    await r.flush(5_000);
    expect(r.getStatus().destinations.broken?.delivered).toBe(1);
  });

  test('retries a closed connection', async () => {
    broken.plan({ kind: 'close' });
    const r = makeRouter();
    r.send({ name: 'Down', labels: { team: 'ops' } });
    await r.flush(5_000);
    expect(r.getStatus().destinations.broken?.delivered).toBe(1);
  });

  test('retries a 500', async () => {
    broken.plan(
      { kind: 'status', status: 500 },
      { kind: 'status', status: 500 },
    );
    const r = makeRouter();
    r.send({ name: 'Down', labels: { team: 'ops' } });
    await r.flush(5_000);
    expect(broken.requests).toHaveLength(3);
    expect(r.getStatus().destinations.broken?.failed).toBe(2);
  });

  test('dead-letters with the last error', async () => {
    broken.plan(
      { kind: 'status', status: 500 },
      { kind: 'close' },
      { kind: 'never' },
    );
    const r = makeRouter({ timeout: 200 });
    r.send({ name: 'Down', labels: { team: 'ops' } });
    await r.flush(5_000);
    const line = JSON.parse(readFileSync(join(dir, 'dead.jsonl'), 'utf8'));
    expect(line.destination).toBe('broken');
    expect(line.error).toBe('delivery attempt timed out after 200 ms');
    expect(line.attempts).toBe(3);
    expect(line.notification.alerts[0].name).toBe('Down');
  });

  test('reports degraded after dead letters', async () => {
    broken.plan({ kind: 'status', status: 400 });
    const r = makeRouter();
    r.send({ name: 'Down', labels: { team: 'ops' } });
    await r.flush(5_000);
    expect(r.getStatus().degradationReason).toBe(
      'destination "broken" dead-lettered 1',
    );
  });

  test('delivers once to a slow receiver', async () => {
    healthy.plan({ kind: 'slow', delayMs: 400 });
    const r = makeRouter({
      route: { receiver: 'healthy', groupWait: 0, groupInterval: 50 },
    });
    r.send({ name: 'Down' });
    await r.flush(5_000);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(healthy.requests).toHaveLength(1);
  });

  test('sends the same idempotency key on retry', async () => {
    broken.plan({ kind: 'status', status: 500 });
    const r = makeRouter();
    r.send({ name: 'Down', labels: { team: 'ops' } });
    await r.flush(5_000);
    const keys = broken.requests.map((req) => req.headers['idempotency-key']);
    expect(keys[0]).toBe(keys[1]);
  });
});

describe('router options', () => {
  test('falls back when the template throws', async () => {
    const memory = new MemoryDestination({ name: 'team' });
    router = new AlertRouter({
      destinations: [memory],
      route: { groupWait: 0 },
      template: {
        title: () => {
          throw new Error('missing field');
        },
      },
    });
    router.send({ name: 'Down' });
    await router.flush(1_000);
    expect(memory.notifications[0]?.title).toBe('[FIRING:1] Down');
    expect(router.getStatus().notifications.templateFailures).toBe(1);
  });

  test('uses a working template', async () => {
    const memory = new MemoryDestination({ name: 'team' });
    router = new AlertRouter({
      destinations: [memory],
      route: { groupWait: 0 },
      template: { title: (n) => `${n.alerts.length} alert(s)` },
    });
    router.send({ name: 'Down' });
    await router.flush(1_000);
    expect(memory.notifications[0]?.title).toBe('1 alert(s)');
  });

  test('rejects invalid options', () => {
    expect(
      () =>
        new AlertRouter({
          destinations: [{ type: 'webhook', name: 'x', url: 'htp:/x' }],
        }),
    ).toThrow(/destinations\[0\]\.url/);
  });

  test('rejects duplicate destination names', () => {
    expect(
      () =>
        new AlertRouter({
          destinations: [
            new MemoryDestination({ name: 'a' }),
            new MemoryDestination({ name: 'a' }),
          ],
        }),
    ).toThrow(/is used twice/);
  });

  test('drops alerts when disabled', () => {
    router = new AlertRouter({
      enabled: false,
      destinations: [new MemoryDestination()],
    });
    router.send({ name: 'Down' });
    expect(router.getStatus().alerts.dropped).toBe(1);
  });
});
