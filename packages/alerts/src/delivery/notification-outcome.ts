import type { Notification } from '../notification.js';

/**
 * Outcome of a notification at one destination: `delivered`,
 * `failed` for each failed attempt (retried or not), and `dead-lettered`
 * when the queue gave it up.
 */
export type NotificationOutcomeKind = 'delivered' | 'failed' | 'dead-lettered';

/** One delivery outcome, as `onNotificationOutcome` receives it. */
export interface NotificationOutcome {
  /** What happened. */
  outcome: NotificationOutcomeKind;
  /** Name of the destination. */
  destination: string;
  /** The notification's `idempotencyKey`, the same on every attempt. */
  notificationId: string;
  /** Key of the alert group that the notification is about. */
  groupKey: string;
  /** Attempts made so far, 0 when dead-lettered before any attempt. */
  attempts: number;
  /** Message of the error, for `failed` and `dead-lettered`. */
  error?: string;
  /** Wait before the next attempt, for a `failed` attempt that is retried. */
  retryInMs?: number;
  /** The notification itself; treat it as read-only. */
  notification: Notification;
}

/** Receives delivery outcomes; it must not block, since it runs inline. */
export type NotificationOutcomeHandler = (outcome: NotificationOutcome) => void;

/**
 * Wraps a user's handler so that whatever it throws or rejects with goes to
 * `onError` instead of the delivery queue.
 */
export function guardOutcomeHandler(
  handler: NotificationOutcomeHandler,
  onError: (error: unknown, outcome: NotificationOutcome) => void,
): NotificationOutcomeHandler {
  return (outcome) => {
    try {
      const result: unknown = handler(outcome);
      if (result instanceof Promise) {
        result.catch((error: unknown) => onError(error, outcome));
      }
    } catch (error) {
      onError(error, outcome);
    }
  };
}
