import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { AlertRouter } from '../src/alert-router.js';
import { MemoryDestination } from '../src/destinations/memory-destination.js';

const MINUTE = 60_000;

let memory: MemoryDestination;
let router: AlertRouter;

/** Router with one memory destination and short group timers. */
function makeRouter(mirrorsState: boolean, repeatInterval = '1h') {
  memory = new MemoryDestination({ name: 'team', mirrorsState });
  router = new AlertRouter({
    destinations: [memory],
    route: { groupWait: '10s', groupInterval: '1m', repeatInterval },
  });
}

/** Sends `Slow` the way the orchestrator does: ending 4 min from now. */
function resend(annotations: Record<string, string> = {}) {
  router.send({ name: 'Slow', endsAt: Date.now() + 4 * MINUTE, annotations });
}

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z') });
});

afterEach(async () => {
  vi.useRealTimers();
  await router?.close(10);
});

describe('re-sent firing alert', () => {
  test('stores the newest endsAt', async () => {
    makeRouter(false);
    resend();
    await vi.advanceTimersByTimeAsync(MINUTE);
    resend();
    expect(router.listAlerts()[0]?.endsAt).toBe('2026-01-01T00:05:00.000Z');
  });

  test('keeps the first startsAt', async () => {
    makeRouter(false);
    resend();
    await vi.advanceTimersByTimeAsync(MINUTE);
    resend();
    expect(router.listAlerts()[0]?.startsAt).toBe('2026-01-01T00:00:00.000Z');
  });

  test('stores the newest annotations', async () => {
    makeRouter(false);
    resend({ summary: 'p99 2 s' });
    await vi.advanceTimersByTimeAsync(MINUTE);
    resend({ summary: 'p99 3 s' });
    expect(router.listAlerts()[0]?.annotations).toEqual({ summary: 'p99 3 s' });
  });

  test('counts as deduplicated', async () => {
    makeRouter(false);
    resend();
    await vi.advanceTimersByTimeAsync(MINUTE);
    resend();
    expect(router.getStatus().alerts.deduplicated).toBe(1);
  });

  test('repeat carries the newest endsAt', async () => {
    makeRouter(false, '2m');
    resend();
    for (let minute = 1; minute <= 2; minute += 1) {
      await vi.advanceTimersByTimeAsync(MINUTE);
      resend();
    }
    await vi.advanceTimersByTimeAsync(10_000);
    expect(memory.notifications).toHaveLength(2);
    expect(memory.notifications[1]?.alerts[0]?.endsAt).toBe(
      '2026-01-01T00:06:00.000Z',
    );
  });

  test('leaves other destinations quiet', async () => {
    makeRouter(false);
    resend();
    await vi.advanceTimersByTimeAsync(MINUTE);
    resend();
    await vi.advanceTimersByTimeAsync(50_000);
    expect(memory.notifications).toHaveLength(1);
  });
});

describe('destination that mirrors state', () => {
  test('gets each re-send', async () => {
    makeRouter(true);
    resend();
    await vi.advanceTimersByTimeAsync(10_000);
    for (let minute = 1; minute <= 3; minute += 1) {
      await vi.advanceTimersByTimeAsync(MINUTE);
      resend();
      await vi.advanceTimersByTimeAsync(0);
    }
    const ends = memory.notifications.map((n) => n.alerts[0]?.endsAt);
    expect(ends).toEqual([
      '2026-01-01T00:04:00.000Z',
      '2026-01-01T00:05:10.000Z',
      '2026-01-01T00:06:10.000Z',
      '2026-01-01T00:07:10.000Z',
    ]);
  });

  test('posts a re-send at once', async () => {
    makeRouter(true);
    resend();
    await vi.advanceTimersByTimeAsync(MINUTE + 10_000);
    resend();
    await vi.advanceTimersByTimeAsync(0);
    expect(memory.notifications).toHaveLength(2);
  });

  test('merges re-sends within a minute', async () => {
    makeRouter(true);
    resend();
    await vi.advanceTimersByTimeAsync(20_000);
    resend();
    await vi.advanceTimersByTimeAsync(10_000);
    resend();
    await vi.advanceTimersByTimeAsync(39_999);
    expect(memory.notifications).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(memory.notifications).toHaveLength(2);
  });

  test('waits for the first notification', async () => {
    makeRouter(true);
    resend();
    await vi.advanceTimersByTimeAsync(5_000);
    resend();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(memory.notifications).toHaveLength(1);
  });

  test('skips silenced alerts', async () => {
    makeRouter(true);
    resend();
    await vi.advanceTimersByTimeAsync(10_000);
    router.addSilence({
      matchers: 'alertname="Slow"',
      endsAt: Date.now() + 60 * MINUTE,
    });
    await vi.advanceTimersByTimeAsync(MINUTE);
    resend();
    await vi.advanceTimersByTimeAsync(0);
    expect(router.getStatus().notifications.mirrored).toBe(0);
  });

  test('counts mirrored notifications', async () => {
    makeRouter(true);
    resend();
    await vi.advanceTimersByTimeAsync(MINUTE + 10_000);
    resend();
    await vi.advanceTimersByTimeAsync(0);
    expect(router.getStatus().notifications.mirrored).toBe(1);
  });

  test('reaches every matching route', async () => {
    const first = new MemoryDestination({ name: 'first', mirrorsState: true });
    const second = new MemoryDestination({
      name: 'second',
      mirrorsState: true,
    });
    router = new AlertRouter({
      destinations: [first, second],
      route: {
        receiver: 'first',
        groupWait: '10s',
        routes: [
          { matchers: 'alertname="Slow"', receiver: 'first', continue: true },
          { matchers: 'alertname="Slow"', receiver: 'second' },
        ],
      },
    });
    resend();
    await vi.advanceTimersByTimeAsync(MINUTE + 10_000);
    resend();
    await vi.advanceTimersByTimeAsync(0);
    expect(first.notifications).toHaveLength(2);
    expect(second.notifications).toHaveLength(2);
  });

  test('stops after close', async () => {
    makeRouter(true);
    resend();
    await vi.advanceTimersByTimeAsync(20_000);
    resend();
    await router.close(10);
    await vi.advanceTimersByTimeAsync(MINUTE);
    expect(memory.notifications).toHaveLength(1);
  });
});

describe('mirroring from config', () => {
  /** Router with one memory destination built from a config entry. */
  function makeConfigRouter(options: {
    mirrorsState?: boolean;
    mirrorInterval?: string;
  }) {
    const { mirrorsState, mirrorInterval } = options;
    router = new AlertRouter({
      destinations: [{ type: 'memory', name: 'team', mirrorsState }],
      route: { groupWait: '10s', repeatInterval: '1h' },
      mirrorInterval,
    });
  }

  /** Notifications that the router created, mirrored ones included. */
  function created(): number {
    return router.getStatus().notifications.created;
  }

  test('mirrorsState entry turns mirroring on', async () => {
    makeConfigRouter({ mirrorsState: true });
    resend();
    await vi.advanceTimersByTimeAsync(MINUTE + 10_000);
    resend();
    await vi.advanceTimersByTimeAsync(0);
    expect(router.getStatus().notifications.mirrored).toBe(1);
  });

  test('mirrorsState false entry stays quiet', async () => {
    makeConfigRouter({ mirrorsState: false });
    resend();
    await vi.advanceTimersByTimeAsync(MINUTE + 10_000);
    resend();
    await vi.advanceTimersByTimeAsync(0);
    expect(created()).toBe(1);
  });

  test('mirrorInterval sets the wait', async () => {
    makeConfigRouter({ mirrorsState: true, mirrorInterval: '20s' });
    resend();
    await vi.advanceTimersByTimeAsync(10_000);
    resend();
    await vi.advanceTimersByTimeAsync(19_999);
    expect(created()).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(created()).toBe(2);
  });
});
