import { createHash } from 'node:crypto';
import type { AlertSeverity } from '../alert.js';
import type { Notification } from '../notification.js';
import { jsonBytes, truncateText } from '../truncate.js';
import type { Destination, SendOptions } from './destination.js';
import { postJson } from './http.js';

/** Options of `PagerDutyDestination`. */
export interface PagerDutyDestinationOptions {
  /** Destination name. */
  name: string;
  /** Integration (routing) key. */
  routingKey: string;
  /** Events endpoint. @default 'https://events.pagerduty.com/v2/enqueue' */
  url?: string;
  /** `payload.source`. @default 'mm-orch' */
  source?: string;
  /** `client`. @default 'mm-orch' */
  client?: string;
  /** Per-attempt timeout in milliseconds. @default the router's `timeout` */
  timeout?: number;
}

/** Limits of PagerDuty Events API v2. */
export const PAGERDUTY_LIMITS = {
  /** Characters of `payload.summary`. */
  summary: 1_024,
  /** Bytes of a whole event. */
  eventBytes: 512 * 1024,
  /** Characters of `dedup_key`. */
  dedupKey: 255,
};

const SEVERITY_ORDER: AlertSeverity[] = [
  'critical',
  'error',
  'warning',
  'info',
];

function dedupKey(groupKey: string): string {
  if (groupKey.length <= PAGERDUTY_LIMITS.dedupKey) {
    return groupKey;
  }
  return createHash('sha256').update(groupKey).digest('hex');
}

function highestSeverity(notification: Notification): AlertSeverity {
  const present = new Set(notification.alerts.map((alert) => alert.severity));
  return SEVERITY_ORDER.find((severity) => present.has(severity)) ?? 'warning';
}

/**
 * Builds the Events API v2 event of a notification: `trigger` while the
 * group fires, `resolve` when it resolved, with the group key as
 * `dedup_key`. The summary is cut to 1,024 characters and the alert
 * details are cut until the event fits in 512 KB.
 */
export function toPagerDutyEvent(
  notification: Notification,
  options: PagerDutyDestinationOptions,
) {
  const base = {
    routing_key: options.routingKey,
    dedup_key: dedupKey(notification.groupKey),
  };
  if (notification.status === 'resolved') {
    return { ...base, event_action: 'resolve' as const };
  }

  const alerts = notification.alerts.map((alert) => ({
    status: alert.status,
    labels: alert.labels,
    annotations: alert.annotations,
    startsAt: alert.startsAt,
  }));
  const event = {
    ...base,
    event_action: 'trigger' as const,
    client: options.client ?? 'mm-orch',
    ...(notification.externalURL
      ? { client_url: notification.externalURL }
      : {}),
    payload: {
      summary: truncateText(notification.title, PAGERDUTY_LIMITS.summary),
      source: options.source ?? 'mm-orch',
      severity: highestSeverity(notification),
      timestamp: notification.createdAt,
      class: notification.commonLabels.alertname ?? '',
      custom_details: {
        text: notification.text,
        firing: notification.alerts.filter((a) => a.status === 'firing').length,
        resolved: notification.alerts.filter((a) => a.status === 'resolved')
          .length,
        alerts,
        truncatedAlerts: 0,
      },
    },
  };
  fitEvent(event);
  return event;
}

function fitEvent(event: {
  payload: {
    custom_details: {
      text: string;
      alerts: unknown[];
      truncatedAlerts: number;
    };
  };
}): void {
  const details = event.payload.custom_details;
  while (
    jsonBytes(event) > PAGERDUTY_LIMITS.eventBytes &&
    details.alerts.length > 0
  ) {
    const drop = Math.max(1, Math.ceil(details.alerts.length / 2));
    details.alerts.splice(details.alerts.length - drop, drop);
    details.truncatedAlerts += drop;
  }

  const excess = jsonBytes(event) - PAGERDUTY_LIMITS.eventBytes;
  if (excess > 0) {
    const keep = Math.max(0, details.text.length - excess * 2 - 16);
    details.text = truncateText(details.text, keep);
  }
}

/** Sends trigger and resolve events to PagerDuty Events API v2. */
export class PagerDutyDestination implements Destination {
  readonly name: string;
  /** Per-attempt timeout in milliseconds, or the router's when unset. */
  readonly timeout: number | undefined;
  private readonly url: string;

  constructor(private readonly options: PagerDutyDestinationOptions) {
    this.name = options.name;
    this.timeout = options.timeout;
    this.url = options.url ?? 'https://events.pagerduty.com/v2/enqueue';
  }

  /** Posts one event. */
  async send(
    notification: Notification,
    { signal }: SendOptions,
  ): Promise<void> {
    await postJson({
      destination: this.name,
      url: this.url,
      body: JSON.stringify(toPagerDutyEvent(notification, this.options)),
      signal,
    });
  }
}
