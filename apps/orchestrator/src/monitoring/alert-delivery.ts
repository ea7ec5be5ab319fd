import type { Notification } from '@mm-orch/alerts';

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
