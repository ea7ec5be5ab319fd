import { AlertingConfig, silentLogger } from '@mm-orch/config';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { AlertRouter } from '../src/alert-router.js';
import { MemoryDestination } from '../src/destinations/memory-destination.js';
import type { AlertRouterOptions } from '../src/router-options.js';

let memory: MemoryDestination;
let router: AlertRouter;

function makeRouter(options: AlertRouterOptions = {}) {
  memory = new MemoryDestination({ name: 'team' });
  router = new AlertRouter({
    destinations: [memory],
    route: { groupWait: '10s', groupInterval: '1m', repeatInterval: '1h' },
    ...options,
  });
  return router;
}

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z') });
});

afterEach(async () => {
  vi.useRealTimers();
  await router?.close(10);
});

describe('grouping', () => {
  test('waits groupWait before notifying', async () => {
    makeRouter();
    router.send({ name: 'HighLatency', labels: { service: 'api' } });
    await vi.advanceTimersByTimeAsync(9_999);
    expect(memory.notifications).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(memory.notifications).toHaveLength(1);
  });

  test('groups alerts by alertname', async () => {
    makeRouter();
    router.send({ name: 'HighLatency', labels: { service: 'api' } });
    router.send({ name: 'HighLatency', labels: { service: 'web' } });
    router.send({ name: 'ErrorRate', labels: { service: 'api' } });
    await vi.advanceTimersByTimeAsync(10_000);
    const sizes = memory.notifications.map((n) => n.alerts.length).sort();
    expect(sizes).toEqual([1, 2]);
  });

  test('sends changes after groupInterval', async () => {
    makeRouter();
    router.send({ name: 'HighLatency', labels: { service: 'api' } });
    await vi.advanceTimersByTimeAsync(10_000);
    router.send({ name: 'HighLatency', labels: { service: 'web' } });
    await vi.advanceTimersByTimeAsync(59_999);
    expect(memory.notifications).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(memory.notifications[1]?.alerts).toHaveLength(2);
  });

  test('repeats after repeatInterval', async () => {
    makeRouter({ resolveTimeout: 0 });
    router.send({ name: 'HighLatency' });
    await vi.advanceTimersByTimeAsync(10_000);
    await vi.advanceTimersByTimeAsync(59 * 60_000);
    expect(memory.notifications).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(memory.notifications).toHaveLength(2);
  });

  test('deduplicates repeated alerts', async () => {
    makeRouter();
    for (let i = 0; i < 5; i += 1) {
      router.send({ name: 'HighLatency', labels: { service: 'api' } });
    }
    await vi.advanceTimersByTimeAsync(10_000);
    expect(memory.notifications).toHaveLength(1);
    expect(router.getStatus().alerts.deduplicated).toBe(4);
  });
});

describe('resolved notifications', () => {
  test('sends resolved after firing', async () => {
    makeRouter();
    router.send({ name: 'HighLatency' });
    await vi.advanceTimersByTimeAsync(10_000);
    router.send({ name: 'HighLatency', status: 'resolved' });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(memory.notifications.map((n) => n.status)).toEqual([
      'firing',
      'resolved',
    ]);
  });

  test('sends resolved after a restart', async () => {
    makeRouter();
    router.send({
      name: 'HighLatency',
      status: 'resolved',
      startsAt: '2025-12-31T23:00:00Z',
    });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(memory.notifications[0]?.status).toBe('resolved');
  });

  test('skips resolved of never-notified alerts', async () => {
    makeRouter();
    router.send({ name: 'HighLatency' });
    router.send({ name: 'HighLatency', status: 'resolved' });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(memory.notifications).toHaveLength(0);
  });
});

describe('router edge cases', () => {
  test('send never throws on invalid input', () => {
    makeRouter();
    expect(() => router.send({ name: '' })).not.toThrow();
    expect(router.getStatus().alerts.invalid).toBe(1);
  });

  test('counts alerts sent after close', async () => {
    makeRouter();
    await router.close(10);
    router.send({ name: 'Late' });
    expect(router.getStatus().alerts.dropped).toBe(1);
  });

  test('flush skips the group wait', async () => {
    makeRouter();
    router.send({ name: 'HighLatency' });
    await router.flush(10);
    expect(memory.notifications).toHaveLength(1);
  });
});

describe('router status', () => {
  test('rate-limits one destination', async () => {
    makeRouter({
      destinations: [
        {
          type: 'memory',
          name: 'team',
          rateLimit: { count: 1, interval: '1s' },
        },
      ],
      route: { groupBy: ['...'], groupWait: 0 },
    });
    router.send({ name: 'A' });
    router.send({ name: 'B' });
    await vi.advanceTimersByTimeAsync(0);
    expect(router.getStatus().destinations.team?.delivered).toBe(1);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(router.getStatus().destinations.team?.delivered).toBe(2);
  });

  test('lists alerts with their state', () => {
    makeRouter();
    router.addSilence({
      matchers: 'service="web"',
      endsAt: Date.now() + 60_000,
    });
    router.send({ name: 'Slow', labels: { service: 'api' } });
    router.send({ name: 'Slow', labels: { service: 'web' } });
    router.send({ name: 'Old', status: 'resolved' });
    expect(router.listAlerts().map((a) => [a.name, a.state])).toEqual([
      ['Slow', 'active'],
      ['Slow', 'silenced'],
      ['Old', 'resolved'],
    ]);
  });

  test('formats group keys', async () => {
    makeRouter({ route: { groupBy: ['service'], groupWait: 0 } });
    router.send({ name: 'Slow', labels: { service: 'api' } });
    await vi.advanceTimersByTimeAsync(0);
    expect(memory.notifications[0]?.groupKey).toBe('0:{service="api"}');
  });

  test('keeps the first startsAt', async () => {
    makeRouter();
    router.send({ name: 'Slow', annotations: { value: '1' } });
    await vi.advanceTimersByTimeAsync(5_000);
    router.send({ name: 'Slow', annotations: { value: '2' } });
    expect(router.listAlerts()[0]?.startsAt).toBe('2026-01-01T00:00:00.000Z');
  });

  test('starts healthy', () => {
    makeRouter();
    expect(router.getStatus()).toMatchInlineSnapshot(`
      {
        "alerts": {
          "active": 0,
          "deduplicated": 0,
          "dropped": 0,
          "expired": 0,
          "inhibited": 0,
          "invalid": 0,
          "received": 0,
          "silenced": 0,
        },
        "degradationReason": undefined,
        "degraded": false,
        "destinations": {
          "team": {
            "circuitOpened": 0,
            "deadLettered": 0,
            "delivered": 0,
            "failed": 0,
            "lastError": undefined,
            "queueDepth": 0,
            "rateLimited": 0,
            "retried": 0,
            "state": "healthy",
          },
        },
        "groups": 0,
        "notifications": {
          "created": 0,
          "mirrored": 0,
          "outcomeHandlerErrors": 0,
          "recovered": 0,
          "templateFailures": 0,
        },
      }
    `);
  });
});

describe('router options', () => {
  test('accepts parsed AlertingConfig output', () => {
    const config = AlertingConfig.parse({
      destinations: [{ type: 'memory', name: 'team' }],
      route: { groupWait: '1s' },
    });
    router = new AlertRouter({ ...config, logger: silentLogger });
    expect(Object.keys(router.getStatus().destinations)).toEqual(['team']);
  });

  test('reports an open circuit', async () => {
    const failing = {
      name: 'failing',
      send: () => Promise.reject(new Error('connection refused')),
    };
    router = new AlertRouter({
      destinations: [failing],
      route: { groupWait: 0 },
      circuitBreaker: { failureThreshold: 1 },
    });
    router.send({ name: 'Down' });
    await vi.advanceTimersByTimeAsync(0);
    expect(router.getStatus().degradationReason).toBe(
      'destination "failing" circuit open (connection refused)',
    );
  });
});
