import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { AlertExpiry } from '../src/alert-expiry.js';
import type { AlertRouter } from '../src/alert-router.js';
import type { MemoryDestination } from '../src/destinations/memory-destination.js';
import type { AlertRouterOptions } from '../src/router-options.js';
import { routerWithMemory } from './helpers/router-fixture.js';

let memory: MemoryDestination;
let router: AlertRouter | undefined;

function makeRouter(options: AlertRouterOptions = {}): AlertRouter {
  const made = routerWithMemory(options);
  memory = made.memory;
  router = made.router;
  return made.router;
}

const now = () => Date.now();

function stateOf(name: string): string | undefined {
  return router?.listAlerts().find((alert) => alert.name === name)?.state;
}

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z') });
});

afterEach(async () => {
  await router?.close(10);
  router = undefined;
  vi.useRealTimers();
});

describe('AlertExpiry', () => {
  test('reports passed ends only', () => {
    const expired: string[][] = [];
    const expiry = new AlertExpiry((fingerprints) =>
      expired.push(fingerprints),
    );
    expiry.set('a', now() + 1_000, now());
    expiry.set('b', now() + 5_000, now());
    vi.advanceTimersByTime(1_000);
    expect(expired).toEqual([['a']]);
    expect(expiry.size).toBe(1);
  });

  test('moves to an earlier end', () => {
    const expired: string[] = [];
    const expiry = new AlertExpiry((fingerprints) =>
      expired.push(...fingerprints),
    );
    expiry.set('a', now() + 5_000, now());
    expiry.set('b', now() + 1_000, now());
    vi.advanceTimersByTime(1_000);
    expect(expired).toEqual(['b']);
  });

  test('skips deleted ends', () => {
    const expired: string[] = [];
    const expiry = new AlertExpiry((fingerprints) =>
      expired.push(...fingerprints),
    );
    expiry.set('a', now() + 1_000, now());
    expiry.delete('a');
    vi.advanceTimersByTime(10_000);
    expect(expired).toEqual([]);
  });

  test('waits past the timer limit', () => {
    const expired: string[] = [];
    const expiry = new AlertExpiry((fingerprints) =>
      expired.push(...fingerprints),
    );
    const day = 86_400_000;
    expiry.set('a', Date.now() + 40 * day, Date.now());
    vi.advanceTimersByTime(30 * day);
    expect(expired).toEqual([]);
    vi.advanceTimersByTime(10 * day);
    expect(expired).toEqual(['a']);
  });

  test('does not hold the process', () => {
    vi.useRealTimers();
    const expiry = new AlertExpiry(() => {});
    expiry.set('a', Date.now() + 60_000, Date.now());
    const timer = (expiry as unknown as { timer: NodeJS.Timeout }).timer;
    expect(timer.hasRef()).toBe(false);
    expiry.stop();
  });
});

describe('resolve timeout', () => {
  test('keeps a fresh alert firing', async () => {
    makeRouter();
    router?.send({ name: 'Slow' });
    await vi.advanceTimersByTimeAsync(5 * 60_000 - 1);
    expect(stateOf('Slow')).toBe('active');
  });

  test('resolves after five minutes', async () => {
    makeRouter();
    router?.send({ name: 'Slow' });
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    expect(stateOf('Slow')).toBe('resolved');
  });

  test('notifies the same group', async () => {
    makeRouter();
    router?.send({ name: 'Slow', labels: { service: 'api' } });
    await vi.advanceTimersByTimeAsync(6 * 60_000);
    const [firing, resolved] = memory.notifications;
    expect(memory.notifications.map((n) => n.status)).toEqual([
      'firing',
      'resolved',
    ]);
    expect(resolved?.groupKey).toBe(firing?.groupKey);
    expect(resolved?.alerts[0]?.endsAt).toBe('2026-01-01T00:05:00.000Z');
  });

  test('extends on each send', async () => {
    makeRouter();
    router?.send({ name: 'Slow' });
    await vi.advanceTimersByTimeAsync(4 * 60_000);
    router?.send({ name: 'Slow' });
    await vi.advanceTimersByTimeAsync(4 * 60_000);
    expect(stateOf('Slow')).toBe('active');
  });

  test('honours a future endsAt', async () => {
    makeRouter();
    router?.send({ name: 'Slow', endsAt: Date.now() + 60_000 });
    await vi.advanceTimersByTimeAsync(59_999);
    expect(stateOf('Slow')).toBe('active');
    await vi.advanceTimersByTimeAsync(1);
    expect(stateOf('Slow')).toBe('resolved');
  });

  test('takes a resent endsAt', async () => {
    makeRouter();
    router?.send({ name: 'Slow', endsAt: Date.now() + 60_000 });
    router?.send({ name: 'Slow', endsAt: Date.now() + 120_000 });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(stateOf('Slow')).toBe('active');
  });

  test('accepts a duration string', async () => {
    makeRouter({ resolveTimeout: '30s' });
    router?.send({ name: 'Slow' });
    await vi.advanceTimersByTimeAsync(30_000);
    expect(stateOf('Slow')).toBe('resolved');
  });

  test('zero keeps alerts firing', async () => {
    makeRouter({ resolveTimeout: 0 });
    router?.send({ name: 'Slow' });
    await vi.advanceTimersByTimeAsync(24 * 3_600_000);
    expect(stateOf('Slow')).toBe('active');
  });

  test('counts expired alerts', async () => {
    makeRouter();
    router?.send({ name: 'Slow' });
    router?.send({ name: 'Fast' });
    router?.send({ name: 'Fast', status: 'resolved' });
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(router?.getStatus().alerts.expired).toBe(1);
  });

  test('ignores a late resolve', async () => {
    makeRouter();
    router?.send({ name: 'Slow' });
    await vi.advanceTimersByTimeAsync(6 * 60_000);
    router?.send({ name: 'Slow', status: 'resolved' });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(memory.notifications).toHaveLength(2);
    expect(router?.getStatus().alerts.deduplicated).toBe(1);
  });

  test('stops after close', async () => {
    makeRouter();
    router?.send({ name: 'Slow' });
    await router?.close(10);
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(router?.getStatus().alerts.expired).toBe(0);
  });
});
