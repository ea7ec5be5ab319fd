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
import { AlertStore } from './alert-store.js';
import {
  buildNotification,
  formatGroupKey,
  groupLabelsOf,
} from './build-notification.js';
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
import { type InhibitionIndex, Inhibitor } from './inhibitor.js';
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
import { type Silence, type SilenceInput, SilenceStore } from './silences.js';
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
  private readonly inhibitor: Inhibitor;
  private readonly silences = new SilenceStore();
  private readonly queues: Map<string, DeliveryQueue>;
  private readonly deadLetters: DeadLetterLog;
  private readonly outbox: Outbox | undefined;
  private readonly store: AlertStore;
  private readonly groups = new Map<string, AggregationGroup>();
  /** Ends of the firing alerts, which resolve them when they pass. */
  private readonly expiry = new AlertExpiry((fingerprints) =>
    this.expire(fingerprints),
  );
  private closed = false;
  private cachedIndex: { version: number; index: InhibitionIndex } | undefined;
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
    this.inhibitor = new Inhibitor(this.config.inhibitRules);
    for (const silence of this.config.silences) {
      this.silences.add(silence, Date.now());
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
    return this.silences.add(input, Date.now());
  }

  /** Lists silences with their state (pending, active, expired). */
  listSilences(): Silence[] {
    return this.silences.list(Date.now());
  }

  /** Ends a silence now; returns false when the id is unknown. */
  expireSilence(id: string): boolean {
    return this.silences.expire(id, Date.now());
  }

  /** Lists firing alerts and recently resolved ones, with their state. */
  listAlerts(): AlertWithState[] {
    const now = Date.now();
    const index = this.inhibitionIndex();
    const firing = [...this.store.active.values()].map((alert) =>
      withState(
        alert,
        this.silences.silencedBy(alert.labels, now),
        this.inhibitor.inhibitedBy(alert, index),
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
    const index = this.inhibitionIndex();
    return buildStatus({
      queues: this.queues,
      deadLetters: this.deadLetters,
      outbox: this.outbox,
      counts: this.counts,
      muted: countMuted(
        this.store.active.values(),
        (alert) => this.silences.silencedBy(alert.labels, now).length > 0,
        (alert) => this.inhibitor.inhibitedBy(alert, index).length > 0,
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
    this.expiry.stop();

    for (const queue of this.queues.values()) {
      await queue.close('router closed before delivery');
      await queue.destination.close?.().catch((error: unknown) => {
        this.logger.warn(
          { err: error, destination: queue.destination.name },
          'destination close failed',
        );
      });
    }
    return result;
  }

  private ingest(alert: Alert, now: number): void {
    const previous = this.store.get(alert.fingerprint);
    if (previous && isSameAlert(previous, alert)) {
      this.counts.deduplicated += 1;
      this.expiry.track(alert, this.config.resolveTimeout, now);
      return;
    }
    if (previous?.status === 'firing' && alert.status === 'firing') {
      alert.startsAt = previous.startsAt;
    }

    this.expiry.track(alert, this.config.resolveTimeout, now);
    this.store.put(alert);

    if (!this.tree) {
      return;
    }
    for (const route of matchRoutes(this.tree, alert.labels)) {
      this.groupFor(route, alert).insert(alert);
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
        (alert) => this.isSuppressed(alert, now),
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
      this.groups.delete(group.key);
    } else if (!this.closed) {
      group.scheduleNext();
    }
  }

  private isSuppressed(alert: Alert, now: number): boolean {
    if (this.silences.silencedBy(alert.labels, now).length > 0) {
      return true;
    }
    const index = this.inhibitionIndex();
    return this.inhibitor.inhibitedBy(alert, index).length > 0;
  }

  /** Returns the inhibition index, rebuilt only after firing alerts change. */
  private inhibitionIndex(): InhibitionIndex {
    const { version } = this.store;
    if (!this.cachedIndex || this.cachedIndex.version !== version) {
      this.cachedIndex = {
        version,
        index: this.inhibitor.buildIndex(this.store.active.values()),
      };
    }
    return this.cachedIndex.index;
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
