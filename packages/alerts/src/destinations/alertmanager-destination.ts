import type { Notification } from '../notification.js';
import type { Destination, SendOptions } from './destination.js';
import { postJson } from './http.js';

/** Options of `AlertmanagerDestination`. */
export interface AlertmanagerDestinationOptions {
  /** Destination name. */
  name: string;
  /** Base URL of the Alertmanager, such as `http://127.0.0.1:9093`. */
  url: string;
  /** Extra request headers. @default {} */
  headers?: Record<string, string>;
  /** Per-attempt timeout in milliseconds. @default the router's `timeout` */
  timeout?: number;
  /**
   * Whether the router re-posts firing alerts after every re-send, so that
   * the Alertmanager gets each new `endsAt` before the old one passes.
   * @default true
   */
  mirrorsState?: boolean;
}

/** Builds the `POST /api/v2/alerts` body (postableAlerts) of a notification. */
export function toAlertmanagerAlerts(notification: Notification) {
  return notification.alerts.map((alert) => ({
    labels: alert.labels,
    annotations: alert.annotations,
    startsAt: alert.startsAt,
    ...(alert.endsAt ? { endsAt: alert.endsAt } : {}),
    ...(alert.generatorURL ? { generatorURL: alert.generatorURL } : {}),
  }));
}

/**
 * Posts alerts to an Alertmanager, which then groups and routes them
 * itself. A resolved alert is posted with its `endsAt`, which resolves it
 * there. For a cluster, add one destination per peer and route to each with
 * `continue`, as Prometheus sends to every peer.
 */
export class AlertmanagerDestination implements Destination {
  readonly name: string;
  /** Per-attempt timeout in milliseconds, or the router's when unset. */
  readonly timeout: number | undefined;
  /** Whether the router re-posts firing alerts after every re-send. */
  readonly mirrorsState: boolean;
  private readonly endpoint: string;

  constructor(private readonly options: AlertmanagerDestinationOptions) {
    this.name = options.name;
    this.timeout = options.timeout;
    this.mirrorsState = options.mirrorsState ?? true;
    this.endpoint = new URL('api/v2/alerts', withSlash(options.url)).href;
  }

  /** Posts the alerts of one notification. */
  async send(
    notification: Notification,
    { signal }: SendOptions,
  ): Promise<void> {
    await postJson({
      destination: this.name,
      url: this.endpoint,
      body: JSON.stringify(toAlertmanagerAlerts(notification)),
      headers: this.options.headers ?? {},
      signal,
    });
  }
}

function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}
