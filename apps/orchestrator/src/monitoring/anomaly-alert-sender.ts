import type { AlertInput, AlertRouter } from '@mm-orch/alerts';
import type { AnomalyEvent } from '@mm-orch/anomaly';
import { anomalyAlert } from './anomaly-alert.js';

/**
 * Resend intervals that a firing alert's `endsAt` lies ahead, so that the
 * alert outlives three missed resends. Prometheus uses the same factor: its
 * `sendAlerts` (rules/alerting.go) sets the end 4 x max(evaluation
 * interval, `--rules.alert.resend-delay`) ahead.
 */
const ENDS_AT_INTERVALS = 4;

/** Options of `AnomalyAlertSender`. */
export interface AnomalyAlertSenderOptions {
  /** Router that receives the alerts. */
  router: AlertRouter;
  /** Time between two sends of a firing alert, in milliseconds. */
  resendInterval: number;
  /** Receives what a send or resend throws; it must not throw. */
  onError(error: unknown): void;
}

/**
 * Turns anomaly events into alerts, the way Prometheus feeds Alertmanager:
 * the alert of a firing anomaly is sent again every `resendInterval` with
 * an `endsAt` four intervals ahead, until the monitor resolves the anomaly.
 * The router then never resolves a long anomaly on its own, and still
 * resolves its alert within four intervals if the app stops sending.
 *
 * NOTE: the router keeps the first `endsAt` of an alert that it
 * deduplicates, and notifies Alertmanager again only at the group's
 * `repeatInterval`. Alertmanager may therefore resolve a long anomaly at
 * that first `endsAt`, until the next repeat notification fires it again.
 */
export class AnomalyAlertSender {
  private readonly firing = new Map<string, AlertInput>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly options: AnomalyAlertSenderOptions) {}

  /** Number of firing anomalies whose alerts are being re-sent. */
  get size(): number {
    return this.firing.size;
  }

  /** Sends the alert of one event, and re-sends it while it fires. */
  send(event: AnomalyEvent): void {
    const alert = anomalyAlert(event);
    if (event.status === 'resolved') {
      this.firing.delete(event.id);
      this.route(alert);
      if (this.firing.size === 0) {
        this.stop();
      }
      return;
    }

    this.firing.set(event.id, alert);
    this.route(this.withLease(alert));
    this.timer ??= this.startTimer();
  }

  /** Stops re-sending. Firing alerts then resolve at their `endsAt`. */
  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Forgets every firing anomaly and stops re-sending. */
  close(): void {
    this.stop();
    this.firing.clear();
  }

  private startTimer(): NodeJS.Timeout {
    const timer = setInterval(() => this.resend(), this.options.resendInterval);
    timer.unref();
    return timer;
  }

  private resend(): void {
    for (const alert of this.firing.values()) {
      this.route(this.withLease(alert));
    }
  }

  /**
   * Sets `endsAt` four intervals after now on the wall clock, which the
   * router's expiry runs on. A start time ahead of the wall clock, from an
   * event clock that runs fast, counts as now, so `endsAt` stays after it.
   */
  private withLease(alert: AlertInput): AlertInput {
    const startsAt = new Date(alert.startsAt ?? 0).getTime();
    const from = Math.max(Date.now(), Number.isNaN(startsAt) ? 0 : startsAt);
    const lease = ENDS_AT_INTERVALS * this.options.resendInterval;
    return { ...alert, endsAt: from + lease };
  }

  private route(alert: AlertInput): void {
    try {
      this.options.router.send(alert);
    } catch (error) {
      this.options.onError(error);
    }
  }
}
