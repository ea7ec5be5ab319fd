import { createHmac } from 'node:crypto';
import type { Alert } from '../alert.js';
import type { Notification } from '../notification.js';
import type { Destination, SendOptions } from './destination.js';
import { postJson } from './http.js';

/** Options of `WebhookDestination`. */
export interface WebhookDestinationOptions {
  /** Destination name. */
  name: string;
  /** Receiving URL. */
  url: string;
  /** Key of the HMAC-SHA256 signature. @default none (unsigned) */
  secret?: string;
  /** Header that carries `sha256=<hex>`. @default 'x-mmorch-signature' */
  signatureHeader?: string;
  /** Extra request headers. @default {} */
  headers?: Record<string, string>;
  /** Max alerts per body, 0 for all. @default 0 */
  maxAlerts?: number;
  /** Per-attempt timeout in milliseconds. @default the router's `timeout` */
  timeout?: number;
}

/** Alert in the webhook body, as Alertmanager sends it. */
export interface WebhookAlert {
  status: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  endsAt: string;
  generatorURL: string;
  fingerprint: string;
}

/** Body of Alertmanager's webhook receiver (version 4). */
export interface WebhookBody {
  version: '4';
  groupKey: string;
  truncatedAlerts: number;
  status: string;
  receiver: string;
  groupLabels: Record<string, string>;
  commonLabels: Record<string, string>;
  commonAnnotations: Record<string, string>;
  externalURL: string;
  alerts: WebhookAlert[];
}

/** Alertmanager's zero time, sent as `endsAt` of an alert without an end. */
const ZERO_TIME = '0001-01-01T00:00:00Z';

function toWebhookAlert(alert: Alert): WebhookAlert {
  return {
    status: alert.status,
    labels: alert.labels,
    annotations: alert.annotations,
    startsAt: alert.startsAt,
    endsAt: alert.endsAt || ZERO_TIME,
    generatorURL: alert.generatorURL,
    fingerprint: alert.fingerprint,
  };
}

/** Builds the Alertmanager webhook body of a notification. */
export function toWebhookBody(
  notification: Notification,
  maxAlerts = 0,
): WebhookBody {
  const kept =
    maxAlerts > 0
      ? notification.alerts.slice(0, maxAlerts)
      : notification.alerts;
  return {
    version: '4',
    groupKey: notification.groupKey,
    truncatedAlerts: notification.alerts.length - kept.length,
    status: notification.status,
    receiver: notification.receiver,
    groupLabels: notification.groupLabels,
    commonLabels: notification.commonLabels,
    commonAnnotations: notification.commonAnnotations,
    externalURL: notification.externalURL,
    alerts: kept.map(toWebhookAlert),
  };
}

/** Computes the signature header value: `sha256=` and the HMAC in hex. */
export function signBody(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/**
 * POSTs the body that Alertmanager's webhook receiver sends, with an
 * `idempotency-key` header and, when a secret is set, an HMAC-SHA256
 * signature of the exact body bytes.
 */
export class WebhookDestination implements Destination {
  readonly name: string;
  /** Per-attempt timeout in milliseconds, or the router's when unset. */
  readonly timeout: number | undefined;

  constructor(private readonly options: WebhookDestinationOptions) {
    this.name = options.name;
    this.timeout = options.timeout;
  }

  /** Posts one notification. */
  async send(
    notification: Notification,
    { signal }: SendOptions,
  ): Promise<void> {
    const body = JSON.stringify(
      toWebhookBody(notification, this.options.maxAlerts),
    );
    const headers: Record<string, string> = {
      ...this.options.headers,
      'idempotency-key': notification.idempotencyKey,
    };
    if (this.options.secret) {
      const header = this.options.signatureHeader ?? 'x-mmorch-signature';
      headers[header] = signBody(this.options.secret, body);
    }

    await postJson({
      destination: this.name,
      url: this.options.url,
      body,
      headers,
      signal,
    });
  }
}
