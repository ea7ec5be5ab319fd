import type { Alert } from './alert.js';

/** Maximum delay that `setTimeout` accepts without firing at once (~24.8 days). */
const MAX_TIMER_DELAY = 2 ** 31 - 1;

/**
 * End times of firing alerts, by fingerprint, with one timer set for the
 * earliest. When it fires, `onExpire` receives every fingerprint whose end
 * has passed. The timer is `unref`ed, so it never keeps the process alive.
 */
export class AlertExpiry {
  private readonly endsAt = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private timerAt = Number.POSITIVE_INFINITY;

  constructor(private readonly onExpire: (fingerprints: string[]) => void) {}

  /** Sets or moves the end of one alert, in epoch milliseconds. */
  set(fingerprint: string, endsAt: number, now: number): void {
    this.endsAt.set(fingerprint, endsAt);
    if (endsAt < this.timerAt) {
      this.schedule(endsAt, now);
    }
  }

  /**
   * Sets when an alert resolves on its own: at its `endsAt`, or
   * `resolveTimeout` after `now` when it has none (never when that is 0).
   * A resolved alert is forgotten.
   */
  track(alert: Alert, resolveTimeout: number, now: number): void {
    if (alert.status === 'resolved') {
      this.delete(alert.fingerprint);
    } else if (alert.endsAt !== '') {
      this.set(alert.fingerprint, Date.parse(alert.endsAt), now);
    } else if (resolveTimeout > 0) {
      this.set(alert.fingerprint, now + resolveTimeout, now);
    } else {
      this.delete(alert.fingerprint);
    }
  }

  /** Removes the end of one alert, because it resolved or has none. */
  delete(fingerprint: string): void {
    this.endsAt.delete(fingerprint);
  }

  /** Number of alerts with a pending end. */
  get size(): number {
    return this.endsAt.size;
  }

  /** Stops the timer and clears every end. */
  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.timerAt = Number.POSITIVE_INFINITY;
    this.endsAt.clear();
  }

  private schedule(at: number, now: number): void {
    clearTimeout(this.timer);
    this.timerAt = at;
    const delay = Math.min(Math.max(at - now, 0), MAX_TIMER_DELAY);
    this.timer = setTimeout(() => this.fire(), delay);
    this.timer.unref?.();
  }

  private fire(): void {
    const now = Date.now();
    this.timer = undefined;
    this.timerAt = Number.POSITIVE_INFINITY;

    const expired: string[] = [];
    let next = Number.POSITIVE_INFINITY;
    for (const [fingerprint, endsAt] of this.endsAt) {
      if (endsAt <= now) {
        expired.push(fingerprint);
        this.endsAt.delete(fingerprint);
      } else {
        next = Math.min(next, endsAt);
      }
    }

    if (next !== Number.POSITIVE_INFINITY) {
      this.schedule(next, now);
    }
    if (expired.length > 0) {
      this.onExpire(expired);
    }
  }
}
