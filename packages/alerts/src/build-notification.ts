import { createHash } from 'node:crypto';
import type { AggregationGroup, GroupFlush } from './aggregation-group.js';
import type { Alert } from './alert.js';
import type { Notification } from './notification.js';
import {
  type NotificationContent,
  type NotificationTemplate,
  renderNotification,
} from './template.js';

function commonEntries(
  records: Record<string, string>[],
): Record<string, string> {
  const [first, ...rest] = records;
  const common: Record<string, string> = {};
  for (const [name, value] of Object.entries(first ?? {})) {
    if (rest.every((record) => record[name] === value)) {
      common[name] = value;
    }
  }
  return common;
}

/**
 * Computes a notification's idempotency key from its receiver, group,
 * alert states and creation time. It is computed once, stored with the
 * notification (in the outbox too), and sent unchanged on every retry.
 */
function idempotencyKey(
  receiver: string,
  groupKey: string,
  alerts: Alert[],
  createdAt: string,
): string {
  const hash = createHash('sha256');
  hash.update(`${receiver}\n${groupKey}\n${createdAt}\n`);
  for (const alert of alerts) {
    hash.update(`${alert.fingerprint}:${alert.status}\n`);
  }
  return hash.digest('hex').slice(0, 32);
}

/** Builds the notification of one group flush for the group's receiver. */
export function buildNotification(
  group: AggregationGroup,
  flush: GroupFlush,
  options: { externalURL: string; template: NotificationTemplate | undefined },
  now: number,
): { notification: Notification; templateFailed: boolean } {
  const alerts = [...flush.firing, ...flush.resolved];
  const createdAt = new Date(now).toISOString();
  const receiver = group.route.receiver;
  const content: NotificationContent = {
    idempotencyKey: idempotencyKey(receiver, group.key, alerts, createdAt),
    receiver,
    groupKey: group.key,
    status: flush.firing.length > 0 ? 'firing' : 'resolved',
    groupLabels: group.labels,
    commonLabels: commonEntries(alerts.map((alert) => alert.labels)),
    commonAnnotations: commonEntries(alerts.map((alert) => alert.annotations)),
    externalURL: options.externalURL,
    alerts,
    createdAt,
  };

  const rendered = renderNotification(content, options.template);
  return {
    notification: { ...content, title: rendered.title, text: rendered.text },
    templateFailed: rendered.failed,
  };
}

/** Picks the grouping labels of an alert for a route. */
export function groupLabelsOf(
  labels: Record<string, string>,
  groupBy: string[] | 'all',
): Record<string, string> {
  if (groupBy === 'all') {
    return { ...labels };
  }
  const picked: Record<string, string> = {};
  for (const name of groupBy) {
    const value = labels[name];
    if (value !== undefined) {
      picked[name] = value;
    }
  }
  return picked;
}

/** Formats a group key like Alertmanager's: `route:{name="value", …}`. */
export function formatGroupKey(
  routeId: string,
  groupLabels: Record<string, string>,
): string {
  const pairs = Object.keys(groupLabels)
    .sort()
    .map((name) => `${name}=${JSON.stringify(groupLabels[name])}`);
  return `${routeId}:{${pairs.join(', ')}}`;
}
