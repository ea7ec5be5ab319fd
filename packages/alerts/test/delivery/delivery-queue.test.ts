import { silentLogger } from '@mm-orch/config';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { DeadLetterLog } from '../../src/delivery/dead-letter.js';
import {
  DeliveryQueue,
  type DeliveryQueueOptions,
} from '../../src/delivery/delivery-queue.js';
import type { NotificationOutcome } from '../../src/delivery/notification-outcome.js';
import type {
  Destination,
  SendOptions,
} from '../../src/destinations/destination.js';
import { DeliveryError } from '../../src/errors.js';
import type { Notification } from '../../src/notification.js';
import { sampleNotification } from '../helpers/sample-notification.js';

type Step = 'ok' | 'fail' | 'final' | 'hang' | { retryAfterMs: number };

/** Destination that follows a script of outcomes, then succeeds. */
class ScriptedDestination implements Destination {
  readonly name = 'scripted';
  readonly attempts: number[] = [];
  readonly aborted: boolean[] = [];
  delivered: Notification[] = [];

  constructor(private readonly steps: Step[]) {}

  send(notification: Notification, { signal }: SendOptions): Promise<void> {
    this.attempts.push(Date.now());
    const step = this.steps.shift() ?? 'ok';
    if (step === 'hang') {
      return new Promise((_, reject) => {
        signal.addEventListener('abort', () => {
          this.aborted.push(true);
          reject(signal.reason);
        });
      });
    }
    if (step === 'ok') {
      this.delivered.push(notification);
      return Promise.resolve();
    }
    if (step === 'final') {
      return Promise.reject(
        new DeliveryError('HTTP 400', { retryable: false }),
      );
    }
    if (step === 'fail') {
      return Promise.reject(new DeliveryError('HTTP 500'));
    }
    return Promise.reject(
      new DeliveryError('HTTP 429', { status: 429, ...step }),
    );
  }
}

let deadLetters: DeadLetterLog;

function makeQueue(
  destination: Destination,
  overrides: Partial<DeliveryQueueOptions> = {},
) {
  deadLetters = new DeadLetterLog(undefined);
  return new DeliveryQueue(destination, {
    retry: {
      attempts: 3,
      baseBackoff: 1_000,
      maxBackoff: 10_000,
      jitter: 0,
      maxRetryAfter: 60_000,
    },
    timeout: 5_000,
    rateLimit: undefined,
    failureThreshold: 10,
    cooldown: 30_000,
    maxQueueSize: 100,
    logger: silentLogger,
    deadLetters,
    outbox: undefined,
    random: () => 0.5,
    ...overrides,
  });
}

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
});

afterEach(() => {
  vi.useRealTimers();
});

describe('DeliveryQueue retries', () => {
  test('backs off exponentially', async () => {
    const destination = new ScriptedDestination(['fail', 'fail', 'ok']);
    makeQueue(destination).enqueue(sampleNotification());
    await vi.advanceTimersByTimeAsync(10_000);
    expect(destination.attempts).toEqual([0, 1_000, 3_000]);
  });

  test('honors Retry-After', async () => {
    const destination = new ScriptedDestination([{ retryAfterMs: 7_000 }]);
    makeQueue(destination).enqueue(sampleNotification());
    await vi.advanceTimersByTimeAsync(10_000);
    expect(destination.attempts).toEqual([0, 7_000]);
  });

  test('caps Retry-After at maxRetryAfter', async () => {
    const destination = new ScriptedDestination([{ retryAfterMs: 3_600_000 }]);
    const queue = makeQueue(destination, {
      retry: {
        attempts: 3,
        baseBackoff: 1_000,
        maxBackoff: 10_000,
        jitter: 0,
        maxRetryAfter: 5_000,
      },
    });
    queue.enqueue(sampleNotification());
    await vi.advanceTimersByTimeAsync(10_000);
    expect(destination.attempts).toEqual([0, 5_000]);
  });

  test('dead-letters after the last attempt', async () => {
    const destination = new ScriptedDestination(['fail', 'fail', 'fail']);
    const queue = makeQueue(destination);
    queue.enqueue(sampleNotification());
    await vi.advanceTimersByTimeAsync(10_000);
    expect(queue.status().deadLettered).toBe(1);
    expect(deadLetters.list()[0]?.error).toBe('HTTP 500');
    expect(deadLetters.list()[0]?.attempts).toBe(3);
  });

  test('dead-letters final errors at once', async () => {
    const destination = new ScriptedDestination(['final']);
    const queue = makeQueue(destination);
    queue.enqueue(sampleNotification());
    await vi.advanceTimersByTimeAsync(0);
    expect(destination.attempts).toHaveLength(1);
    expect(queue.status().deadLettered).toBe(1);
  });

  test('aborts an attempt that times out', async () => {
    const destination = new ScriptedDestination(['hang']);
    const queue = makeQueue(destination);
    queue.enqueue(sampleNotification());
    await vi.advanceTimersByTimeAsync(5_000);
    expect(destination.aborted).toEqual([true]);
    expect(queue.status().lastError).toBe(
      'delivery attempt timed out after 5000 ms',
    );
  });

  test('retries after a timeout', async () => {
    const destination = new ScriptedDestination(['hang', 'ok']);
    const queue = makeQueue(destination);
    queue.enqueue(sampleNotification());
    await vi.advanceTimersByTimeAsync(6_000);
    expect(queue.status().delivered).toBe(1);
  });

  test('keeps the idempotency key on retry', async () => {
    const destination = new ScriptedDestination(['hang', 'ok']);
    makeQueue(destination).enqueue(sampleNotification());
    await vi.advanceTimersByTimeAsync(6_000);
    expect(destination.delivered[0]?.idempotencyKey).toBe('key-1');
  });

  test('stays healthy on a first attempt', async () => {
    const queue = makeQueue(new ScriptedDestination(['hang']));
    queue.enqueue(sampleNotification());
    await vi.advanceTimersByTimeAsync(0);
    expect(queue.status().state).toBe('healthy');
  });

  test('reports retrying state', async () => {
    const destination = new ScriptedDestination(['fail']);
    const queue = makeQueue(destination);
    queue.enqueue(sampleNotification());
    await vi.advanceTimersByTimeAsync(0);
    expect(queue.status().state).toBe('retrying');
  });
});

describe('DeliveryQueue circuit breaker', () => {
  test('opens after the threshold', async () => {
    const destination = new ScriptedDestination(['fail', 'fail']);
    const queue = makeQueue(destination, { failureThreshold: 2 });
    queue.enqueue(sampleNotification());
    await vi.advanceTimersByTimeAsync(1_000);
    expect(queue.status().state).toBe('circuit-open');
  });

  test('waits the cooldown, then closes', async () => {
    const destination = new ScriptedDestination(['fail', 'fail']);
    const queue = makeQueue(destination, { failureThreshold: 2 });
    queue.enqueue(sampleNotification());
    await vi.advanceTimersByTimeAsync(30_999);
    expect(destination.attempts).toEqual([0, 1_000]);
    await vi.advanceTimersByTimeAsync(1);
    expect(queue.status().state).toBe('healthy');
    expect(queue.status().delivered).toBe(1);
  });
});

describe('DeliveryQueue limits', () => {
  test('rate-limits deliveries', async () => {
    const destination = new ScriptedDestination([]);
    const queue = makeQueue(destination, {
      rateLimit: { count: 1, interval: 1_000 },
    });
    for (let i = 0; i < 3; i += 1) {
      queue.enqueue(sampleNotification({ idempotencyKey: `k${i}` }));
    }
    await vi.advanceTimersByTimeAsync(5_000);
    expect(destination.attempts).toEqual([0, 1_000, 2_000]);
    expect(queue.status().rateLimited).toBe(2);
  });

  test('counts each wait once', async () => {
    const destination = new ScriptedDestination([]);
    const queue = makeQueue(destination, {
      rateLimit: { count: 1, interval: 1_000 },
    });
    queue.enqueue(sampleNotification({ idempotencyKey: 'k1' }));
    queue.enqueue(sampleNotification({ idempotencyKey: 'k2' }));
    await vi.advanceTimersByTimeAsync(0);
    for (let i = 0; i < 3; i += 1) {
      void queue.idle(10);
      await vi.advanceTimersByTimeAsync(10);
    }
    await vi.advanceTimersByTimeAsync(2_000);
    expect(destination.attempts).toHaveLength(2);
    expect(queue.status().rateLimited).toBe(1);
  });

  test('dead-letters when full', async () => {
    const destination = new ScriptedDestination(['hang']);
    const queue = makeQueue(destination, { maxQueueSize: 1 });
    queue.enqueue(sampleNotification());
    queue.enqueue(sampleNotification({ idempotencyKey: 'k2' }));
    expect(deadLetters.list()[0]?.error).toBe(
      'queue is full (1 notifications)',
    );
  });

  test('dead-letters pending on close', async () => {
    const destination = new ScriptedDestination(['hang']);
    const queue = makeQueue(destination);
    queue.enqueue(sampleNotification());
    queue.enqueue(sampleNotification({ idempotencyKey: 'k2' }));
    await vi.advanceTimersByTimeAsync(0);
    queue.close('router closed before delivery');
    await vi.advanceTimersByTimeAsync(0);
    expect(queue.status().deadLettered).toBe(2);
  });
});

/** Drops the notification from an outcome, to keep snapshots short. */
function withoutNotification(outcome: NotificationOutcome) {
  const { notification: _notification, ...rest } = outcome;
  return rest;
}

describe('DeliveryQueue outcomes', () => {
  test('reports failed then delivered', async () => {
    const outcomes: NotificationOutcome[] = [];
    const queue = makeQueue(new ScriptedDestination(['fail', 'ok']), {
      onOutcome: (outcome) => outcomes.push(outcome),
    });
    queue.enqueue(sampleNotification());
    await vi.advanceTimersByTimeAsync(5_000);
    expect(outcomes.map(withoutNotification)).toMatchInlineSnapshot(`
      [
        {
          "attempts": 1,
          "destination": "scripted",
          "error": "HTTP 500",
          "groupKey": "0:{alertname="HighLatency"}",
          "notificationId": "key-1",
          "outcome": "failed",
          "retryInMs": 1000,
        },
        {
          "attempts": 2,
          "destination": "scripted",
          "groupKey": "0:{alertname="HighLatency"}",
          "notificationId": "key-1",
          "outcome": "delivered",
        },
      ]
    `);
  });

  test('reports dead-lettered last', async () => {
    const outcomes: NotificationOutcome[] = [];
    const queue = makeQueue(new ScriptedDestination(['final']), {
      onOutcome: (outcome) => outcomes.push(outcome),
    });
    queue.enqueue(sampleNotification());
    await vi.advanceTimersByTimeAsync(0);
    expect(outcomes.map((o) => [o.outcome, o.attempts])).toEqual([
      ['failed', 1],
      ['dead-lettered', 1],
    ]);
  });

  test('reports the notification', async () => {
    const outcomes: NotificationOutcome[] = [];
    const queue = makeQueue(new ScriptedDestination(['ok']), {
      onOutcome: (outcome) => outcomes.push(outcome),
    });
    const notification = sampleNotification();
    queue.enqueue(notification);
    await vi.advanceTimersByTimeAsync(0);
    expect(outcomes[0]?.notification).toBe(notification);
  });

  test('reports a full queue', () => {
    const outcomes: NotificationOutcome[] = [];
    const queue = makeQueue(new ScriptedDestination(['hang']), {
      maxQueueSize: 1,
      onOutcome: (outcome) => outcomes.push(outcome),
    });
    queue.enqueue(sampleNotification());
    queue.enqueue(sampleNotification({ idempotencyKey: 'k2' }));
    expect(outcomes.map(withoutNotification)).toEqual([
      {
        outcome: 'dead-lettered',
        destination: 'scripted',
        notificationId: 'k2',
        groupKey: '0:{alertname="HighLatency"}',
        attempts: 0,
        error: 'queue is full (1 notifications)',
      },
    ]);
  });
});

describe('DeliveryQueue close', () => {
  test('dead-letters a send that ignores abort', async () => {
    const stuck: Destination = {
      name: 'stuck',
      send: () => new Promise(() => {}),
    };
    const queue = makeQueue(stuck);
    queue.enqueue(sampleNotification());
    await vi.advanceTimersByTimeAsync(0);
    queue.close('router closed before delivery');
    await vi.advanceTimersByTimeAsync(0);
    expect(deadLetters.list()[0]?.error).toBe('router closed before delivery');
  });
});
