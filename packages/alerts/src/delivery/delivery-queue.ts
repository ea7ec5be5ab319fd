import type { Logger } from '@mm-orch/config';
import type { Destination } from '../destinations/destination.js';
import { DeliveryError } from '../errors.js';
import type { Notification } from '../notification.js';
import { backoffDelay, type RetryPolicy } from './backoff.js';
import { CircuitBreaker } from './circuit-breaker.js';
import type { DeadLetterLog } from './dead-letter.js';
import type {
  DestinationState,
  DestinationStatus,
} from './destination-status.js';
import type {
  NotificationOutcome,
  NotificationOutcomeHandler,
} from './notification-outcome.js';
import type { Outbox } from './outbox.js';
import { RateLimiter } from './rate-limiter.js';

/** Settings of one delivery queue, durations in milliseconds. */
export interface DeliveryQueueOptions {
  retry: RetryPolicy;
  timeout: number;
  rateLimit: { count: number; interval: number } | undefined;
  failureThreshold: number;
  cooldown: number;
  maxQueueSize: number;
  logger: Logger;
  deadLetters: DeadLetterLog;
  outbox: Outbox | undefined;
  random: () => number;
  /** Receives every outcome; it must not throw. @default none */
  onOutcome?: NotificationOutcomeHandler | undefined;
}

interface QueueItem {
  notification: Notification;
  attempts: number;
  notBefore: number;
  lastError: string | undefined;
  /** Whether this item was already counted as rate-limited. */
  rateLimited: boolean;
}

const ABORTED = Symbol('aborted');

/**
 * Queue of one destination. It sends one notification at a time, retries
 * with backoff, honors `Retry-After`, bounds each attempt with a timeout
 * and an `AbortSignal`, and stops trying while its circuit is open, so a
 * bad destination only ever delays its own notifications.
 */
export class DeliveryQueue {
  private readonly items: QueueItem[] = [];
  private readonly breaker: CircuitBreaker;
  private readonly limiter: RateLimiter | undefined;
  private inFlight: QueueItem | undefined;
  private inFlightAbort: AbortController | undefined;
  private running = false;
  private pumping: Promise<void> | undefined;
  private closed = false;
  private wake: (() => void) | undefined;
  private idleWaiters: (() => void)[] = [];
  private readonly counts = {
    delivered: 0,
    failed: 0,
    retried: 0,
    deadLettered: 0,
    rateLimited: 0,
  };
  private lastError: string | undefined;

  constructor(
    readonly destination: Destination,
    private readonly options: DeliveryQueueOptions,
  ) {
    this.breaker = new CircuitBreaker(
      options.failureThreshold,
      options.cooldown,
    );
    const limit = options.rateLimit;
    this.limiter = limit
      ? new RateLimiter(limit.count, limit.interval, Date.now())
      : undefined;
  }

  /** Queues a notification, or dead-letters it when full or closed. */
  enqueue(notification: Notification, persisted = false): void {
    if (this.closed || this.depth() >= this.options.maxQueueSize) {
      const reason = this.closed
        ? 'router is closed'
        : `queue is full (${this.options.maxQueueSize} notifications)`;
      this.deadLetter({
        notification,
        attempts: 0,
        notBefore: 0,
        lastError: reason,
        rateLimited: false,
      });
      return;
    }

    if (!persisted) {
      this.options.outbox?.add(notification);
    }
    this.items.push({
      notification,
      attempts: 0,
      notBefore: 0,
      lastError: undefined,
      rateLimited: false,
    });
    this.run();
  }

  /** Returns the counts and state of this destination. */
  status(): DestinationStatus {
    let state: DestinationState = 'healthy';
    if (this.breaker.state !== 'closed') {
      state = 'circuit-open';
    } else if ((this.inFlight ?? this.items[0])?.lastError !== undefined) {
      // An item's first attempt already counts in `attempts`, so only an
      // earlier error shows that the head of the queue is being retried.
      state = 'retrying';
    }
    return {
      state,
      ...this.counts,
      queueDepth: this.depth(),
      circuitOpened: this.breaker.opened,
      lastError: this.lastError,
    };
  }

  /** Number of notifications waiting, the one in flight included. */
  depth(): number {
    return this.items.length + (this.inFlight ? 1 : 0);
  }

  /** Resolves when the queue is empty, or after `timeoutMs`. */
  async idle(timeoutMs: number): Promise<boolean> {
    if (this.depth() === 0) {
      return true;
    }
    this.wake?.();

    let timer: NodeJS.Timeout | undefined;
    const drained = new Promise<boolean>((resolve) => {
      this.idleWaiters.push(() => resolve(true));
    });
    const timedOut = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    const result = await Promise.race([drained, timedOut]);
    clearTimeout(timer);
    return result;
  }

  /** Stops the queue: aborts the attempt in flight, dead-letters the rest. */
  async close(reason: string): Promise<void> {
    this.closed = true;
    this.inFlightAbort?.abort(new Error(reason));
    for (const item of this.items.splice(0)) {
      item.lastError ??= reason;
      this.deadLetter(item);
    }
    this.wake?.();
    await this.pumping;
    this.notifyIdle();
  }

  private run(): void {
    if (this.running || this.closed) {
      return;
    }
    this.running = true;
    this.pumping = this.pump().finally(() => {
      this.running = false;
      this.notifyIdle();
    });
  }

  private async pump(): Promise<void> {
    while (!this.closed && this.items.length > 0) {
      const item = this.items[0] as QueueItem;
      const now = Date.now();
      const limiterWait = this.limiter?.waitMs(now) ?? 0;
      const wait = Math.max(
        item.notBefore - now,
        this.breaker.waitMs(now),
        limiterWait,
      );
      if (wait > 0) {
        // The loop comes back here after every wake-up, so count each
        // notification once however often it waits.
        if (limiterWait === wait && !item.rateLimited) {
          item.rateLimited = true;
          this.counts.rateLimited += 1;
        }
        await this.sleep(wait);
        continue;
      }

      this.limiter?.take(now);
      this.items.shift();
      this.inFlight = item;
      await this.attempt(item);
      this.inFlight = undefined;
    }
  }

  private async attempt(item: QueueItem): Promise<void> {
    const controller = new AbortController();
    this.inFlightAbort = controller;
    const timeoutError = new DeliveryError(
      `delivery attempt timed out after ${this.options.timeout} ms`,
    );
    const timer = setTimeout(
      () => controller.abort(timeoutError),
      this.options.timeout,
    );
    // A destination that ignores the signal must not hold the queue, so an
    // abort (timeout or close) wins the race even when `send` never settles.
    const aborted = new Promise<typeof ABORTED>((resolve) => {
      controller.signal.addEventListener('abort', () => resolve(ABORTED));
    });

    item.attempts += 1;
    try {
      const sent = Promise.resolve(
        this.destination.send(item.notification, { signal: controller.signal }),
      );
      const result = await Promise.race([sent, aborted]);
      if (result === ABORTED) {
        sent.catch(() => {});
        throw controller.signal.reason;
      }
      this.succeed(item);
    } catch (error) {
      const timedOut = controller.signal.reason === timeoutError;
      this.fail(item, timedOut ? timeoutError : error);
    } finally {
      clearTimeout(timer);
      this.inFlightAbort = undefined;
    }
  }

  private succeed(item: QueueItem): void {
    this.counts.delivered += 1;
    this.breaker.recordSuccess();
    this.options.outbox?.done(item.notification);
    this.report('delivered', item);
  }

  private fail(item: QueueItem, error: unknown): void {
    const now = Date.now();
    const message = error instanceof Error ? error.message : String(error);
    this.counts.failed += 1;
    this.lastError = message;
    item.lastError = message;
    const wasOpen = this.breaker.state === 'open';
    this.breaker.recordFailure(now);
    if (!wasOpen && this.breaker.state === 'open') {
      this.options.logger.warn(
        { destination: this.destination.name, err: message },
        'alert destination circuit opened',
      );
    }

    const retryable = !(error instanceof DeliveryError) || error.retryable;
    const { retry, logger } = this.options;
    if (this.closed || !retryable || item.attempts >= retry.attempts) {
      this.report('failed', item);
      this.deadLetter(item);
      return;
    }

    const retryAfter =
      error instanceof DeliveryError && error.retryAfterMs !== undefined
        ? Math.min(error.retryAfterMs, retry.maxRetryAfter)
        : undefined;
    const delay =
      retryAfter ?? backoffDelay(item.attempts, retry, this.options.random);
    item.notBefore = now + delay;
    this.counts.retried += 1;
    this.items.unshift(item);
    this.report('failed', item, { retryInMs: delay });
    logger.warn(
      {
        destination: this.destination.name,
        groupKey: item.notification.groupKey,
        attempt: item.attempts,
        retryInMs: delay,
        err: message,
      },
      'alert delivery failed, retrying',
    );
  }

  private deadLetter(item: QueueItem): void {
    this.counts.deadLettered += 1;
    const error = item.lastError ?? 'unknown error';
    this.options.deadLetters.write({
      destination: this.destination.name,
      error,
      attempts: item.attempts,
      deadLetteredAt: new Date().toISOString(),
      notification: item.notification,
    });
    this.options.outbox?.done(item.notification);
    this.report('dead-lettered', item);
    this.options.logger.error(
      {
        destination: this.destination.name,
        groupKey: item.notification.groupKey,
        attempts: item.attempts,
        err: error,
      },
      'alert notification dead-lettered',
    );
  }

  private report(
    outcome: NotificationOutcome['outcome'],
    item: QueueItem,
    extra: { retryInMs?: number } = {},
  ): void {
    const { onOutcome } = this.options;
    if (!onOutcome) {
      return;
    }

    const { notification, attempts, lastError } = item;
    onOutcome({
      outcome,
      destination: this.destination.name,
      notificationId: notification.idempotencyKey,
      groupKey: notification.groupKey,
      attempts,
      ...(outcome === 'delivered'
        ? {}
        : { error: lastError ?? 'unknown error' }),
      ...extra,
      notification,
    });
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      const wake = () => done();
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = wake;
    });
  }

  private notifyIdle(): void {
    if (this.depth() > 0 && !this.closed) {
      return;
    }
    for (const resolve of this.idleWaiters.splice(0)) {
      resolve();
    }
  }
}
