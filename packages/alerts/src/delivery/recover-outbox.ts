import type { Logger } from '@mm-orch/config';
import { AlertsError } from '../errors.js';
import type { Notification } from '../notification.js';
import type { DeliveryQueue } from './delivery-queue.js';
import type { Outbox } from './outbox.js';

/**
 * Loads the notifications that a previous process left in the outbox and
 * queues each for its destination again. Returns how many were queued.
 * Notifications for a destination that no longer exists stay in the file.
 * Throws `AlertsError` with code `OUTBOX_FAILED` when the file cannot be
 * read or rewritten.
 */
export function recoverOutbox(
  outbox: Outbox,
  queues: ReadonlyMap<string, DeliveryQueue>,
  logger: Logger,
): number {
  let pending: Notification[];
  try {
    pending = outbox.load();
  } catch (error) {
    throw new AlertsError(
      'OUTBOX_FAILED',
      `outbox file "${outbox.path}" could not be read or rewritten (${(error as Error).message}); check the path and its permissions, or unset outboxPath`,
      { cause: error },
    );
  }

  let recovered = 0;
  for (const notification of pending) {
    const queue = queues.get(notification.receiver);
    if (!queue) {
      logger.error(
        { receiver: notification.receiver, groupKey: notification.groupKey },
        'outbox notification names no destination, kept in the outbox',
      );
      continue;
    }
    recovered += 1;
    queue.enqueue(notification, true);
  }
  return recovered;
}
