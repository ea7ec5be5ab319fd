import type { Destination, Notification, SendOptions } from '@mm-orch/alerts';

/** One notification that a destination accepted. */
export interface AlertDelivery {
  /** Destination name. */
  destination: string;
  /** The delivered notification with its alerts. */
  notification: Notification;
  /** Wall-clock time of the delivery, ms since the epoch. */
  deliveredAt: number;
}

/** Receives each delivered notification; must not throw. */
export type DeliveryListener = (delivery: AlertDelivery) => void;

/** Delivery settings that the router reads from a destination object. */
export interface DestinationSettings {
  /** Per-attempt timeout in milliseconds; unset takes the router's. */
  timeout: number | undefined;
  /** Rate limit; unset takes the destination's built-in default. */
  rateLimit: Destination['defaultRateLimit'];
}

/**
 * Destination wrapper that reports each successful delivery with its
 * notification, so the app can show and count what actually reached a
 * destination. Failures pass through unchanged, so the router's retries
 * and dead letters still apply. It copies the inner destination's
 * `timeout` and rate limit unless `settings` overrides them.
 *
 * NOTE: the router's `onNotificationOutcome` hook reports deliveries too,
 * but without the notification, which `onAlertDelivered` listeners read.
 */
export class ObservedDestination implements Destination {
  readonly name: string;
  readonly timeout: number | undefined;
  readonly defaultRateLimit: Destination['defaultRateLimit'];

  constructor(
    private readonly inner: Destination,
    private readonly onDelivered: DeliveryListener,
    settings: DestinationSettings,
  ) {
    this.name = inner.name;
    this.timeout = settings.timeout ?? inner.timeout;
    this.defaultRateLimit = settings.rateLimit ?? inner.defaultRateLimit;
  }

  async send(notification: Notification, options: SendOptions): Promise<void> {
    await this.inner.send(notification, options);
    this.onDelivered({
      destination: this.name,
      notification,
      deliveredAt: Date.now(),
    });
  }

  async close(): Promise<void> {
    await this.inner.close?.();
  }
}
