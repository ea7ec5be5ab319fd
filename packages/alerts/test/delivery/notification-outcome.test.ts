import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { AlertRouter } from '../../src/alert-router.js';
import type { NotificationOutcome } from '../../src/delivery/notification-outcome.js';
import { MemoryDestination } from '../../src/destinations/memory-destination.js';

let router: AlertRouter | undefined;

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z') });
});

afterEach(async () => {
  await router?.close(10);
  router = undefined;
  vi.useRealTimers();
});

describe('onNotificationOutcome', () => {
  test('reports a delivery', async () => {
    const outcomes: NotificationOutcome[] = [];
    const memory = new MemoryDestination({ name: 'team' });
    router = new AlertRouter({
      destinations: [memory],
      route: { groupWait: 0 },
      onNotificationOutcome: (outcome) => outcomes.push(outcome),
    });
    router.send({ name: 'Slow' });
    await vi.advanceTimersByTimeAsync(0);
    expect(outcomes.map((o) => o.outcome)).toEqual(['delivered']);
    expect(outcomes[0]?.notificationId).toBe(
      memory.notifications[0]?.idempotencyKey,
    );
  });

  test('carries the delivered notification', async () => {
    const outcomes: NotificationOutcome[] = [];
    const memory = new MemoryDestination({ name: 'team' });
    router = new AlertRouter({
      destinations: [memory],
      route: { groupWait: 0 },
      onNotificationOutcome: (outcome) => outcomes.push(outcome),
    });
    router.send({ name: 'Slow' });
    await vi.advanceTimersByTimeAsync(0);
    expect(outcomes[0]?.notification).toBe(memory.notifications[0]);
  });

  test('counts a throwing handler', async () => {
    router = new AlertRouter({
      destinations: [new MemoryDestination({ name: 'team' })],
      route: { groupWait: 0 },
      onNotificationOutcome: () => {
        throw new Error('handler broke');
      },
    });
    router.send({ name: 'Slow' });
    await vi.advanceTimersByTimeAsync(0);
    const status = router.getStatus();
    expect(status.destinations.team?.delivered).toBe(1);
    expect(status.notifications.outcomeHandlerErrors).toBe(1);
    expect(status.degradationReason).toBe(
      'onNotificationOutcome handler failed 1 times',
    );
  });

  test('counts a rejecting handler', async () => {
    router = new AlertRouter({
      destinations: [new MemoryDestination({ name: 'team' })],
      route: { groupWait: 0 },
      onNotificationOutcome: async () => {
        throw new Error('handler broke');
      },
    });
    router.send({ name: 'Slow' });
    await vi.advanceTimersByTimeAsync(0);
    expect(router.getStatus().notifications.outcomeHandlerErrors).toBe(1);
  });

  test('reports a dead letter on close', async () => {
    const outcomes: string[] = [];
    router = new AlertRouter({
      destinations: [{ name: 'stuck', send: () => new Promise(() => {}) }],
      route: { groupWait: 0 },
      onNotificationOutcome: (outcome) => outcomes.push(outcome.outcome),
    });
    router.send({ name: 'Slow' });
    await vi.advanceTimersByTimeAsync(0);
    const closing = router.close(100);
    await vi.advanceTimersByTimeAsync(100);
    await closing;
    expect(outcomes).toEqual(['failed', 'dead-lettered']);
  });
});
