import {
  AlertingConfig,
  type AlertingConfigOutput,
  type DestinationConfigInput,
  type Logger,
  parseConfig,
  silentLogger,
} from '@mm-orch/config';
import { AggregationGroup } from './aggregation-group.js';
import { AlertExpiry } from './alert-expiry.js';
import {
  type Alert,
  type AlertInput,
  isSameAlert,
  normalizeAlert,
} from './alert.js';
import {
  buildNotification,
  formatGroupKey,
  groupLabelsOf,
} from './build-notification.js';
import {
  checkDestination,
  createDeliveryQueues,
} from './delivery/create-delivery-queues.js';
import { type DeadLetter, DeadLetterLog } from './delivery/dead-letter.js';
import type { DeliveryQueue } from './delivery/delivery-queue.js';
import { Outbox } from './delivery/outbox.js';
import { recoverOutbox } from './delivery/recover-outbox.js';
import type {
  NotificationOutcome,
  NotificationOutcomeHandler,
} from './delivery/notification-outcome.js';
import { createDestination } from './destinations/create-destination.js';
import type { Destination } from './destinations/destination.js';
import { type InhibitionIndex, Inhibitor } from './inhibitor.js';
import { buildRouteTree, matchRoutes, type Route } from './route.js';
import type { AlertRouterOptions } from './router-options.js';
import {
  type AlertRouterStatus,
  type AlertWithState,
  buildStatus,
  type FlushResult,
  type RouterCounts,
} from './router-status.js';
import { type Silence, type SilenceInput, SilenceStore } from './silences.js';
import type { NotificationTemplate } from './template.js';

function isDestination(
  value: DestinationConfigInput | Destination,
): value is Destination {
  return typeof (value as Destination).send === 'function';
}

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
  private readonly tree: Route;
  private readonly inhibitor: Inhibitor;
  private readonly silences = new SilenceStore();
  private readonly queues: Map<string, DeliveryQueue>;
  private readonly deadLetters: DeadLetterLog;
  private readonly outbox: Outbox | undefined;
  /** Firing alerts by fingerprint. */
  private readonly active = new Map<string, Alert>();
  /** Latest resolved alerts by fingerprint, oldest first. */
  private readonly resolved = new Map<string, Alert>();
  /** Resolved alerts that this process never saw firing. */
  private readonly resolvedUnseen = new WeakSet<Alert>();
  private readonly groups = new Map<string, AggregationGroup>();
  /** Ends of the firing alerts, which resolve them when they pass. */
  private readonly expiry = new AlertExpiry((fingerprints) =>
    this.expire(fingerprints),
  );
  private closed = false;
  /** Incremented whenever the set of firing alerts changes. */
  private activeVersion = 0;
  private cachedIndex: { version: number; index: InhibitionIndex } | undefined;
  private readonly counts: RouterCounts = {
    received: 0,
    invalid: 0,
    dropped: 0,
    deduplicated: 0,
    created: 0,
    templateFailures: 0,
    recovered: 0,
    internalErrors: 0,
    expired: 0,
    outcomeHandlerErrors: 0,
  };

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

    const built = this.config.destinations.map((config) =>
      createDestination(config, { logger, stdout }, destinationFactories),
    );
    const all = [...built, ...instances];
    for (const destination of all) {
      checkDestination(destination);
    }
    this.tree = buildRouteTree(
      this.config.route,
      all.map((d) => d.name),
    );
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
        ? (outcome) => this.reportOutcome(onNotificationOutcome, outcome)
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
    const firing = [...this.active.values()].map((alert) => {
      const silencedBy = this.silences.silencedBy(alert.labels, now);
      const inhibitedBy = this.inhibitor.inhibitedBy(alert, index);
      let state: AlertWithState['state'] = 'active';
      if (silencedBy.length > 0) {
        state = 'silenced';
      } else if (inhibitedBy.length > 0) {
        state = 'inhibited';
      }
      return { ...alert, state, silencedBy, inhibitedBy };
    });
    const resolved = [...this.resolved.values()].map((alert) => ({
      ...alert,
      state: 'resolved' as const,
      silencedBy: [],
      inhibitedBy: [],
    }));
    return [...firing, ...resolved];
  }

  /** Returns the latest dead letters kept in memory, oldest first. */
  listDeadLetters(): DeadLetter[] {
    return this.deadLetters.list();
  }

  /** Returns counts and health of the router and each destination. */
  getStatus(): AlertRouterStatus {
    return buildStatus({
      queues: this.queues,
      deadLetters: this.deadLetters,
      outbox: this.outbox,
      counts: this.counts,
      alerts: this.listAlerts(),
      activeCount: this.active.size,
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
    const previous =
      this.active.get(alert.fingerprint) ??
      this.resolved.get(alert.fingerprint);
    if (previous && isSameAlert(previous, alert)) {
      this.counts.deduplicated += 1;
      this.trackEnd(alert, now);
      return;
    }
    if (previous?.status === 'firing' && alert.status === 'firing') {
      alert.startsAt = previous.startsAt;
    }

    this.activeVersion += 1;
    this.trackEnd(alert, now);
    if (alert.status === 'firing') {
      this.resolved.delete(alert.fingerprint);
      this.active.set(alert.fingerprint, alert);
    } else {
      if (!this.active.has(alert.fingerprint)) {
        this.resolvedUnseen.add(alert);
      }
      this.active.delete(alert.fingerprint);
      this.rememberResolved(alert);
    }

    for (const route of matchRoutes(this.tree, alert.labels)) {
      this.groupFor(route, alert).insert(alert);
    }
  }

  /**
   * Sets when a firing alert resolves on its own: at its `endsAt`, or
   * `resolveTimeout` after it was last received when it has none.
   */
  private trackEnd(alert: Alert, now: number): void {
    const { resolveTimeout } = this.config;
    if (alert.status === 'resolved') {
      this.expiry.delete(alert.fingerprint);
    } else if (alert.endsAt !== '') {
      this.expiry.set(alert.fingerprint, Date.parse(alert.endsAt), now);
    } else if (resolveTimeout > 0) {
      this.expiry.set(alert.fingerprint, now + resolveTimeout, now);
    } else {
      this.expiry.delete(alert.fingerprint);
    }
  }

  /**
   * Resolves firing alerts whose end passed without a new `send()`. Each
   * goes to the groups it fired in, which notify at their next interval.
   */
  private expire(fingerprints: string[]): void {
    const now = Date.now();
    for (const fingerprint of fingerprints) {
      const alert = this.active.get(fingerprint);
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
        this.logger.error(
          { err: error, fingerprint },
          'alert expiry failed',
        );
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
        (alert) => this.resolvedUnseen.has(alert),
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
    if (!this.cachedIndex || this.cachedIndex.version !== this.activeVersion) {
      this.cachedIndex = {
        version: this.activeVersion,
        index: this.inhibitor.buildIndex(this.active.values()),
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

  /** Calls the user's outcome handler; its errors are counted, never thrown. */
  private reportOutcome(
    handler: NotificationOutcomeHandler,
    outcome: NotificationOutcome,
  ): void {
    const onError = (error: unknown) => {
      this.counts.outcomeHandlerErrors += 1;
      this.logger.warn(
        { err: error, destination: outcome.destination },
        'onNotificationOutcome handler failed',
      );
    };

    try {
      const result: unknown = handler(outcome);
      if (result instanceof Promise) {
        result.catch(onError);
      }
    } catch (error) {
      onError(error);
    }
  }

  private rememberResolved(alert: Alert): void {
    this.resolved.delete(alert.fingerprint);
    this.resolved.set(alert.fingerprint, alert);
    while (this.resolved.size > this.config.maxResolvedAlerts) {
      const oldest = this.resolved.keys().next().value as string;
      this.resolved.delete(oldest);
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
