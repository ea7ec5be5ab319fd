import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { AlertRouter } from '../src/alert-router.js';
import { MemoryDestination } from '../src/destinations/memory-destination.js';

let memory: MemoryDestination;
let router: AlertRouter;

function makeRouter(
  options: ConstructorParameters<typeof AlertRouter>[0] = {},
) {
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
  await router?.close(10);
  vi.useRealTimers();
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
    makeRouter();
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
