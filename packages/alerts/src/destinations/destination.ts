import type { Notification } from '../notification.js';

/** Options of one delivery attempt. */
export interface SendOptions {
  /** Aborted when the attempt times out or the router closes. */
  signal: AbortSignal;
}

/**
 * Place that notifications go to. `send` resolves when the notification is
 * delivered and throws otherwise; a `DeliveryError` with `retryable: false`
 * stops the retries.
 */
export interface Destination {
  /** Name that routes refer to as their `receiver`. */
  readonly name: string;
  /** Delivers one notification. */
  send(notification: Notification, options: SendOptions): Promise<void>;
  /**
   * Per-attempt timeout in milliseconds, read by the delivery queue. A
   * config entry's `timeout` wins over it, and it wins over the router's
   * `timeout`. A wrapper around a destination should copy it.
   * @default the router's `timeout`
   */
  readonly timeout?: number | undefined;
  /**
   * Whether the destination mirrors alert state into another system, as
   * an Alertmanager does. The router then re-posts the firing alerts of its
   * groups after every re-send, and not only on changes and repeats, at
   * most once per `mirrorInterval` (default 1 minute) per group. Leave it
   * unset for destinations that people read, such as chat, so that
   * re-sends do not notify them again.
   * @default false
   */
  readonly mirrorsState?: boolean;
  /** Limit that applies unless the config sets one (Slack: 1 per second). */
  readonly defaultRateLimit?: { count: number; interval: number };
  /** Releases files or sockets; called by `router.close()`. */
  close?(): Promise<void>;
}
