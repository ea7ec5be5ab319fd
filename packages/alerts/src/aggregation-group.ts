import type { Alert } from './alert.js';
import type { Route } from './route.js';

/** Batch of alerts that a group passes to the router when its timer fires. */
export interface GroupFlush {
  /** Firing alerts that are neither silenced nor inhibited. */
  firing: Alert[];
  /** Resolved alerts to report. */
  resolved: Alert[];
}

/**
 * Alerts of one route that share the values of the grouping labels. It
 * waits `groupWait` before its first notification, then checks every
 * `groupInterval` for changes, and repeats an unchanged notification after
 * `repeatInterval`.
 */
export class AggregationGroup {
  /** Alerts by fingerprint. */
  readonly alerts = new Map<string, Alert>();
  /** Firing fingerprints in the last notification. */
  private notifiedFiring = new Set<string>();
  private lastNotifiedAt = 0;
  private timer: NodeJS.Timeout | undefined;
  private flushedOnce = false;
  /** Notifications created so far; part of each idempotency key. */
  sequence = 0;

  constructor(
    readonly key: string,
    readonly route: Route,
    readonly labels: Record<string, string>,
    private readonly onTimer: (group: AggregationGroup) => void,
  ) {}

  /** Adds or updates an alert and starts the first wait if needed. */
  insert(alert: Alert): void {
    this.alerts.set(alert.fingerprint, alert);
    if (!this.timer && !this.flushedOnce) {
      this.schedule(this.route.groupWait);
    }
  }

  /** Whether the group's timer has fired once, after `groupWait`. */
  get flushed(): boolean {
    return this.flushedOnce;
  }

  /** Checks whether the group contains no alert. */
  isEmpty(): boolean {
    return this.alerts.size === 0;
  }

  /**
   * Decides whether to notify now: when the visible firing set changed,
   * when a notified alert resolved, or when `repeatInterval` passed since the
   * last notification. Returns undefined when nothing is to be sent.
   */
  collect(
    isSuppressed: (alert: Alert) => boolean,
    wasNotifiedElsewhere: (alert: Alert) => boolean,
    now: number,
  ): GroupFlush | undefined {
    this.flushedOnce = true;
    const firing: Alert[] = [];
    const resolved: Alert[] = [];
    for (const alert of this.alerts.values()) {
      if (alert.status === 'firing') {
        if (!isSuppressed(alert)) {
          firing.push(alert);
        }
      } else if (
        this.notifiedFiring.has(alert.fingerprint) ||
        wasNotifiedElsewhere(alert)
      ) {
        resolved.push(alert);
      }
    }
    this.dropResolved();

    const changed =
      resolved.length > 0 ||
      firing.length !== this.notifiedFiring.size ||
      firing.some((alert) => !this.notifiedFiring.has(alert.fingerprint));
    const repeatDue =
      firing.length > 0 &&
      now - this.lastNotifiedAt >= this.route.repeatInterval;
    if (!changed && !repeatDue) {
      return undefined;
    }

    this.notifiedFiring = new Set(firing.map((alert) => alert.fingerprint));
    this.lastNotifiedAt = now;
    this.sequence += 1;
    return { firing, resolved };
  }

  /** Schedules the next check after `groupInterval`. */
  scheduleNext(): void {
    this.schedule(this.route.groupInterval);
  }

  /** Stops the timer. */
  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private dropResolved(): void {
    for (const [fingerprint, alert] of this.alerts) {
      if (alert.status === 'resolved') {
        this.alerts.delete(fingerprint);
      }
    }
  }

  private schedule(delay: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.onTimer(this);
    }, delay);
    this.timer.unref?.();
  }
}
