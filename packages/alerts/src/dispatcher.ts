import type { Logger } from '@mm-orch/config';
import { AggregationGroup } from './aggregation-group.js';
import type { Alert } from './alert.js';
import type { AlertMuting } from './alert-muting.js';
import type { AlertStore } from './alert-store.js';
import {
  buildNotification,
  formatGroupKey,
  groupLabelsOf,
} from './build-notification.js';
import type { DeliveryQueue } from './delivery/delivery-queue.js';
import { matchRoutes, type Route } from './route.js';
import type { RouterCounts } from './router-status.js';
import { StateMirror } from './state-mirror.js';
import type { NotificationTemplate } from './template.js';

/** Router state that a `Dispatcher` reads and updates. */
export interface DispatcherContext {
  /** Routing tree, absent only when the router is disabled and empty. */
  tree: Route | undefined;
  /** Names of the destinations that mirror alert state, like Alertmanager. */
  mirroring: ReadonlySet<string>;
  /** Minimum time between two mirror posts of one group, in milliseconds. */
  mirrorInterval: number;
  /** Link back to the service, passed to every notification. */
  externalURL: string;
  template: NotificationTemplate | undefined;
  muting: AlertMuting;
  store: AlertStore;
  queues: ReadonlyMap<string, DeliveryQueue>;
  /** Counters of the router, which the dispatcher increments. */
  counts: RouterCounts;
  logger: Logger;
}

/**
 * Aggregation groups of a router with their timers: puts each alert into
 * the groups of its matching routes, notifies each group when its timer
 * fires, and re-posts firing alerts to destinations that mirror state.
 * Timer callbacks count and log their errors instead of throwing.
 */
export class Dispatcher {
  private readonly groups = new Map<string, AggregationGroup>();
  /**
   * Groups of each firing alert, by fingerprint, so that a re-sent alert
   * skips route matching. A group keeps its firing alerts, so it outlives
   * its entries here.
   */
  private readonly firingGroups = new Map<string, AggregationGroup[]>();
  private readonly mirror: StateMirror;
  private closed = false;

  constructor(private readonly context: DispatcherContext) {
    this.mirror = new StateMirror(context.mirrorInterval, (key) =>
      this.onMirrorDue(key),
    );
  }

  /** Number of groups held now. */
  get size(): number {
    return this.groups.size;
  }

  /**
   * Adds a stored alert to its groups. A `repeated` alert goes to the
   * groups it fired in before, without route matching.
   */
  insert(alert: Alert, repeated: boolean, now: number): void {
    const { tree } = this.context;
    if (!tree) {
      return;
    }
    const known = repeated
      ? this.firingGroups.get(alert.fingerprint)
      : undefined;
    const groups =
      known ??
      matchRoutes(tree, alert.labels).map((route) =>
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

  /** Notifies every group with news now, without waiting for its timer. */
  flushAll(): void {
    for (const group of [...this.groups.values()]) {
      group.stop();
      this.onGroupTimer(group);
    }
  }

  /** Stops every timer and drops every group, so later callbacks do nothing. */
  stop(): void {
    this.closed = true;
    for (const group of this.groups.values()) {
      group.stop();
    }
    this.groups.clear();
    this.firingGroups.clear();
    this.mirror.stop();
  }

  /**
   * Returns whether a group re-posts its firing alerts after a re-send,
   * which it does once its first notification went out to a receiver that
   * mirrors alert state.
   */
  private mirrors(group: AggregationGroup): boolean {
    return group.flushed && this.context.mirroring.has(group.route.receiver);
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
          alert.status === 'firing' && !this.context.muting.isMuted(alert, now),
      );
      if (firing.length > 0) {
        this.context.counts.mirrored += 1;
        this.notify(group, { firing, resolved: [] }, now);
      }
    } catch (error) {
      this.context.counts.internalErrors += 1;
      this.context.logger.error(
        { err: error, groupKey },
        'alert group mirror failed',
      );
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
    const { muting, store } = this.context;
    try {
      const now = Date.now();
      const flush = group.collect(
        (alert) => muting.isMuted(alert, now),
        (alert) => store.isUnseen(alert),
        now,
      );
      if (flush) {
        this.notify(group, flush, now);
      }
    } catch (error) {
      this.context.counts.internalErrors += 1;
      this.context.logger.error(
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
    const { counts, logger } = this.context;
    const { notification, templateFailed } = buildNotification(
      group,
      flush,
      {
        externalURL: this.context.externalURL,
        template: this.context.template,
      },
      now,
    );
    counts.created += 1;
    if (templateFailed) {
      counts.templateFailures += 1;
      logger.warn(
        { groupKey: group.key },
        'alert template failed, sent plain text',
      );
    }
    if (this.context.mirroring.has(notification.receiver)) {
      this.mirror.markSent(group.key, now);
    }
    this.context.queues.get(notification.receiver)?.enqueue(notification);
  }
}
