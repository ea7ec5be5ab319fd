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

/**
 * Destination wrapper that reports each successful delivery, so the app
 * can show and count what actually reached a destination. Failures pass
 * through unchanged, so the router's retries and dead letters still apply.
 */
export class ObservedDestination implements Destination {
  readonly name: string;
  readonly defaultRateLimit: Destination['defaultRateLimit'];

  constructor(
    private readonly inner: Destination,
    private readonly onDelivered: DeliveryListener,
    rateLimit: Destination['defaultRateLimit'],
  ) {
    this.name = inner.name;
    this.defaultRateLimit = rateLimit ?? inner.defaultRateLimit;
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
