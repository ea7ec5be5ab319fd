import {
  AlertingConfig,
  type AlertingConfigOutput,
  type Logger,
  parseConfig,
  silentLogger,
} from '@mm-orch/config';
import {
  type Alert,
  type AlertInput,
  isSameAlert,
  normalizeAlert,
} from './alert.js';
import { AlertExpiry } from './alert-expiry.js';
import { AlertMuting } from './alert-muting.js';
import { AlertStore } from './alert-store.js';
import { closeDeliveryQueues } from './delivery/close-delivery-queues.js';
import { createDeliveryQueues } from './delivery/create-delivery-queues.js';
import { type DeadLetter, DeadLetterLog } from './delivery/dead-letter.js';
import type { DeliveryQueue } from './delivery/delivery-queue.js';
import { guardOutcomeHandler } from './delivery/notification-outcome.js';
import { Outbox } from './delivery/outbox.js';
import { recoverOutbox } from './delivery/recover-outbox.js';
import {
  buildDestinations,
  isDestination,
} from './destinations/build-destinations.js';
import { Dispatcher } from './dispatcher.js';
import { buildRouteTree } from './route.js';
import type { AlertRouterOptions } from './router-options.js';
import {
  type AlertRouterStatus,
  type AlertWithState,
  buildStatus,
  countMuted,
  emptyRouterCounts,
  type FlushResult,
  type RouterCounts,
  withState,
} from './router-status.js';
import type { Silence, SilenceInput } from './silences.js';

/**
 * Routes alerts to destinations the way Alertmanager does, in process:
 * a routing tree, grouping with wait and repeat timers, deduplication,
 * silences, inhibition, and one delivery queue per destination with
 * retries, timeouts, a circuit breaker and a dead-letter log. `send()`
 * returns at once and never throws.
 */
export class AlertRouter {
  private readonly config: AlertingConfigOutput;
  private readonly logger: Logger;
  private readonly muting: AlertMuting;
  private readonly queues: Map<string, DeliveryQueue>;
  private readonly deadLetters: DeadLetterLog;
  private readonly outbox: Outbox | undefined;
  private readonly store: AlertStore;
  private readonly dispatcher: Dispatcher;
  /** Ends of the firing alerts, which resolve them when they pass. */
  private readonly expiry = new AlertExpiry((fingerprints) =>
    this.expire(fingerprints),
  );
  private closed = false;
  private readonly counts: RouterCounts = emptyRouterCounts();

  /**
   * Validates the options with `AlertingConfig` and builds the destinations.
   * Throws `ConfigError` for invalid options and `AlertsError` for an
   * unknown receiver, an invalid matcher or a duplicate destination name.
   */
  constructor(options: AlertRouterOptions = {}) {
    const {
      destinations = [],
      destinationFactories = {},
      logger = silentLogger,
      stdout = process.stdout,
      template,
      random = Math.random,
      onNotificationOutcome,
      ...rest
    } = options;
    const instances = destinations.filter(isDestination);
    const configs = destinations.filter((d) => !isDestination(d));
    this.config = parseConfig(
      AlertingConfig,
      { ...rest, destinations: configs },
      { source: 'AlertRouter options' },
    );
    this.logger = logger;
    this.store = new AlertStore(this.config.maxResolvedAlerts);

    const all = buildDestinations(
      this.config.destinations,
      instances,
      { logger, stdout },
      destinationFactories,
    );
    // A disabled router drops every alert, so it may have no destination.
    const tree =
      this.config.enabled || all.length > 0
        ? buildRouteTree(
            this.config.route,
            all.map((d) => d.name),
          )
        : undefined;
    this.muting = new AlertMuting(this.config.inhibitRules, this.store);
    for (const silence of this.config.silences) {
      this.muting.silences.add(silence, Date.now());
    }

    this.deadLetters = new DeadLetterLog(this.config.deadLetterPath);
    this.outbox = this.config.outboxPath
      ? new Outbox(this.config.outboxPath)
      : undefined;
    this.queues = createDeliveryQueues(all, this.config, {
      logger,
      random,
      deadLetters: this.deadLetters,
      outbox: this.outbox,
      onOutcome: onNotificationOutcome
        ? guardOutcomeHandler(onNotificationOutcome, (error, outcome) => {
            this.counts.outcomeHandlerErrors += 1;
            logger.warn(
              { err: error, destination: outcome.destination },
              'onNotificationOutcome handler failed',
            );
          })
        : undefined,
    });
    if (this.outbox) {
      this.counts.recovered = recoverOutbox(this.outbox, this.queues, logger);
    }

    this.dispatcher = new Dispatcher({
      tree,
      mirroring: new Set(
        all.filter((d) => d.mirrorsState === true).map((d) => d.name),
      ),
      mirrorInterval: this.config.mirrorInterval,
      externalURL: this.config.externalURL,
      template,
      muting: this.muting,
      store: this.store,
      queues: this.queues,
      counts: this.counts,
      logger,
    });
  }

  /**
   * Takes one alert. It returns at once: grouping timers and delivery
   * queues do the rest. Invalid alerts are counted and logged, never thrown.
   */
  send(input: AlertInput): void {
    this.counts.received += 1;
    if (this.closed || !this.config.enabled) {
      this.counts.dropped += 1;
      return;
    }

    const now = Date.now();
    let alert: Alert;
    try {
      alert = normalizeAlert(input, now);
    } catch (error) {
      this.counts.invalid += 1;
      this.logger.warn(
        { err: (error as Error).message },
        'invalid alert dropped',
      );
      return;
    }

    try {
      this.ingest(alert, now);
    } catch (error) {
      this.counts.internalErrors += 1;
      this.logger.error({ err: error }, 'alert routing failed');
    }
  }

  /** Adds a silence; throws `AlertsError` on invalid matchers or times. */
  addSilence(input: SilenceInput): Silence {
    return this.muting.silences.add(input, Date.now());
  }

  /** Lists silences with their state (pending, active, expired). */
  listSilences(): Silence[] {
    return this.muting.silences.list(Date.now());
  }

  /** Ends a silence now; returns false when the id is unknown. */
  expireSilence(id: string): boolean {
    return this.muting.silences.expire(id, Date.now());
  }

  /** Lists firing alerts and recently resolved ones, with their state. */
  listAlerts(): AlertWithState[] {
    const now = Date.now();
    const firing = [...this.store.active.values()].map((alert) =>
      withState(
        alert,
        this.muting.silencedBy(alert, now),
        this.muting.inhibitedBy(alert),
      ),
    );
    const resolved = [...this.store.resolved.values()].map((alert) =>
      withState(alert, [], []),
    );
    return [...firing, ...resolved];
  }

  /** Returns the latest dead letters kept in memory, oldest first. */
  listDeadLetters(): DeadLetter[] {
    return this.deadLetters.list();
  }

  /** Returns counts and health of the router and each destination. */
  getStatus(): AlertRouterStatus {
    const now = Date.now();
    return buildStatus({
      queues: this.queues,
      deadLetters: this.deadLetters,
      outbox: this.outbox,
      counts: this.counts,
      muted: countMuted(
        this.store.active.values(),
        (alert) => this.muting.silencedBy(alert, now).length > 0,
        (alert) => this.muting.inhibitedBy(alert).length > 0,
      ),
      activeCount: this.store.active.size,
      groupCount: this.dispatcher.size,
    });
  }

  /**
   * Sends every group with news now, without waiting for its timer, then
   * waits up to `timeoutMs` for every queue to empty.
   */
  async flush(timeoutMs = 10_000): Promise<FlushResult> {
    this.dispatcher.flushAll();

    const results = await Promise.all(
      [...this.queues.values()].map((queue) => queue.idle(timeoutMs)),
    );
    return {
      drained: results.every(Boolean),
      pending: this.pendingCount(),
    };
  }

  /**
   * Flushes for up to `timeoutMs`, then dead-letters what is still pending,
   * stops all timers and closes the destinations. Alerts sent afterwards are
   * counted as dropped.
   */
  async close(timeoutMs = 10_000): Promise<FlushResult> {
    if (this.closed) {
      return { drained: true, pending: 0 };
    }
    const result = await this.flush(timeoutMs);
    this.closed = true;
    this.dispatcher.stop();
    this.expiry.stop();

    await closeDeliveryQueues(this.queues, this.logger);
    return result;
  }

  /**
   * Stores an alert and adds it to its groups. A re-sent firing alert keeps
   * its first `startsAt` but takes the new `endsAt` and annotations, so the
   * next notification carries them. A repeated resolved alert is ignored.
   */
  private ingest(alert: Alert, now: number): void {
    const previous = this.store.get(alert.fingerprint);
    const repeated = previous !== undefined && isSameAlert(previous, alert);
    if (repeated) {
      this.counts.deduplicated += 1;
    }
    if (repeated && alert.status === 'resolved') {
      return;
    }
    if (previous?.status === 'firing' && alert.status === 'firing') {
      alert.startsAt = previous.startsAt;
    }

    this.expiry.track(alert, this.config.resolveTimeout, now);
    if (repeated) {
      this.store.refresh(alert);
    } else {
      this.store.put(alert);
    }

    this.dispatcher.insert(alert, repeated, now);
  }

  /**
   * Resolves firing alerts whose end passed without a new `send()`. Each
   * goes to the groups it fired in, which notify at their next interval.
   */
  private expire(fingerprints: string[]): void {
    const now = Date.now();
    for (const fingerprint of fingerprints) {
      const alert = this.store.active.get(fingerprint);
      if (!alert || this.closed) {
        continue;
      }
      try {
        this.counts.expired += 1;
        this.ingest(
          { ...alert, status: 'resolved', endsAt: new Date(now).toISOString() },
          now,
        );
      } catch (error) {
        this.counts.internalErrors += 1;
        this.logger.error({ err: error, fingerprint }, 'alert expiry failed');
      }
    }
  }

  private pendingCount(): number {
    let pending = 0;
    for (const queue of this.queues.values()) {
      pending += queue.depth();
    }
    return pending;
  }
}
