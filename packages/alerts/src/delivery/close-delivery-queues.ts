import type { Logger } from '@mm-orch/config';
import type { DeliveryQueue } from './delivery-queue.js';

/**
 * Closes each queue, which dead-letters what it still holds, then closes
 * its destination. A destination whose `close()` rejects is logged and
 * skipped, so the others still close.
 */
export async function closeDeliveryQueues(
  queues: ReadonlyMap<string, DeliveryQueue>,
  logger: Logger,
): Promise<void> {
  for (const queue of queues.values()) {
    await queue.close('router closed before delivery');
    await queue.destination.close?.().catch((error: unknown) => {
      logger.warn(
        { err: error, destination: queue.destination.name },
        'destination close failed',
      );
    });
  }
}
