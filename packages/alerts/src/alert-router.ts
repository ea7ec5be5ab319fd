import {
  AlertingConfig,
  type AlertingConfigOutput,
  type Logger,
  parseConfig,
  silentLogger,
} from '@mm-orch/config';
import { AggregationGroup } from './aggregation-group.js';
import {
  type Alert,
  type AlertInput,
  isSameAlert,
  normalizeAlert,
} from './alert.js';
import { AlertExpiry } from './alert-expiry.js';
import { AlertMuting } from './alert-muting.js';
import { AlertStore } from './alert-store.js';
import {
  buildNotification,
  formatGroupKey,
  groupLabelsOf,
} from './build-notification.js';
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
import { buildRouteTree, matchRoutes, type Route } from './route.js';
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
import { MIRROR_INTERVAL, StateMirror } from './state-mirror.js';
import type { NotificationTemplate } from './template.js';

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
  private readonly template: NotificationTemplate | undefined;
  /** Routing tree, absent only when the router is disabled and empty. */
  private readonly tree: Route | undefined;
  private readonly muting: AlertMuting;
  private readonly queues: Map<string, DeliveryQueue>;
  private readonly deadLetters: DeadLetterLog;
  private readonly outbox: Outbox | undefined;
  private readonly store: AlertStore;
  private readonly groups = new Map<string, AggregationGroup>();
  /**
   * Groups of each firing alert, by fingerprint, so that a re-sent alert
   * skips route matching. A group keeps its firing alerts, so it outlives
   * its entries here.
   */
  private readonly firingGroups = new Map<string, AggregationGroup[]>();
  /** Ends of the firing alerts, which resolve them when they pass. */
  private readonly expiry = new AlertExpiry((fingerprints) =>
    this.expire(fingerprints),
  );
  /** Names of the destinations that mirror alert state, like Alertmanager. */
  private readonly mirroring: Set<string>;
  private readonly mirror = new StateMirror(MIRROR_INTERVAL, (key) =>
    this.onMirrorDue(key),
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
    this.template = template;
    this.store = new AlertStore(this.config.maxResolvedAlerts);

    const all = buildDestinations(
      this.config.destinations,
      instances,
      { logger, stdout },
      destinationFactories,
    );
    // A disabled router drops every alert, so it may have no destination.
    this.tree =
      this.config.enabled || all.length > 0
        ? buildRouteTree(
            this.config.route,
            all.map((d) => d.name),
          )
        : undefined;
    this.mirroring = new Set(
      all.filter((d) => d.mirrorsState === true).map((d) => d.name),
    );
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
      groupCount: this.groups.size,
    });
  }

  /**
   * Sends every group with news now, without waiting for its timer, then
   * waits up to `timeoutMs` for every queue to empty.
   */
  async flush(timeoutMs = 10_000): Promise<FlushResult> {
    for (const group of [...this.groups.values()]) {
      group.stop();
      this.onGroupTimer(group);
    }

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
    for (const group of this.groups.values()) {
      group.stop();
    }
    this.groups.clear();
    this.firingGroups.clear();
    this.expiry.stop();
    this.mirror.stop();

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

    if (!this.tree) {
      return;
    }
    const known = repeated
      ? this.firingGroups.get(alert.fingerprint)
      : undefined;
    const groups =
      known ??
      matchRoutes(this.tree, alert.labels).map((route) =>
        this.groupFor(route, alert),
      );
    if (alert.status === 'firing') {
      this.firingGroups.set(alert.fingerprint, groups);
    } else {
      this.firingGroups.delete(alert.fingerprint);
    }

    for (const group of groups) {
      group.insert(alert);
      if (alert.status === 'firing' && this.mirrors(group)) {
        this.mirror.request(group.key, now);
      }
    }
  }

  /**
   * Returns whether a group re-posts its firing alerts after a re-send,
   * which it does once its first notification went out to a receiver that
   * mirrors alert state.
   */
  private mirrors(group: AggregationGroup): boolean {
    return group.flushed && this.mirroring.has(group.route.receiver);
  }

  /**
   * Posts the firing alerts of a group to its mirroring receiver, so the
   * other system gets each new `endsAt` before the old one passes.
   */
  private onMirrorDue(groupKey: string): void {
    const group = this.groups.get(groupKey);
    if (!group || this.closed) {
      return;
    }
    try {
      const now = Date.now();
      const firing = [...group.alerts.values()].filter(
        (alert) =>
          alert.status === 'firing' && !this.muting.isMuted(alert, now),
      );
      if (firing.length > 0) {
        this.counts.mirrored += 1;
        this.notify(group, { firing, resolved: [] }, now);
      }
    } catch (error) {
      this.counts.internalErrors += 1;
      this.logger.error({ err: error, groupKey }, 'alert group mirror failed');
    }
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

  private groupFor(route: Route, alert: Alert): AggregationGroup {
    const labels = groupLabelsOf(alert.labels, route.groupBy);
    const key = formatGroupKey(route.id, labels);
    let group = this.groups.get(key);
    if (!group) {
      group = new AggregationGroup(key, route, labels, (g) =>
        this.onGroupTimer(g),
      );
      this.groups.set(key, group);
    }
    return group;
  }

  private onGroupTimer(group: AggregationGroup): void {
    try {
      const now = Date.now();
      const flush = group.collect(
        (alert) => this.muting.isMuted(alert, now),
        (alert) => this.store.isUnseen(alert),
        now,
      );
      if (flush) {
        this.notify(group, flush, now);
      }
    } catch (error) {
      this.counts.internalErrors += 1;
      this.logger.error(
        { err: error, groupKey: group.key },
        'alert group flush failed',
      );
    }

    if (group.isEmpty()) {
      group.stop();
      this.mirror.forget(group.key);
      this.groups.delete(group.key);
    } else if (!this.closed) {
      group.scheduleNext();
    }
  }

  private notify(
    group: AggregationGroup,
    flush: Parameters<typeof buildNotification>[1],
    now: number,
  ): void {
    const { notification, templateFailed } = buildNotification(
      group,
      flush,
      { externalURL: this.config.externalURL, template: this.template },
      now,
    );
    this.counts.created += 1;
    if (templateFailed) {
      this.counts.templateFailures += 1;
      this.logger.warn(
        { groupKey: group.key },
        'alert template failed, sent plain text',
      );
    }
    if (this.mirroring.has(notification.receiver)) {
      this.mirror.markSent(group.key, now);
    }
    this.queues.get(notification.receiver)?.enqueue(notification);
  }

  private pendingCount(): number {
    let pending = 0;
    for (const queue of this.queues.values()) {
      pending += queue.depth();
    }
    return pending;
  }
}
