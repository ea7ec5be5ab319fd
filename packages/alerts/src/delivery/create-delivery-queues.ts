import type { AlertingConfigOutput, Logger } from '@mm-orch/config';
import type { Destination } from '../destinations/destination.js';
import { AlertsError } from '../errors.js';
import type { DeadLetterLog } from './dead-letter.js';
import { DeliveryQueue } from './delivery-queue.js';
import type { Outbox } from './outbox.js';

/**
 * Creates one delivery queue per destination. A destination's own
 * `timeout` and `rateLimit` win over the router's, and the router's
 * `rateLimit` over the destination's built-in default. Throws
 * `AlertsError` when two destinations share a name.
 */
export function createDeliveryQueues(
  destinations: readonly Destination[],
  config: AlertingConfigOutput,
  shared: {
    logger: Logger;
    random: () => number;
    deadLetters: DeadLetterLog;
    outbox: Outbox | undefined;
  },
): Map<string, DeliveryQueue> {
  const queues = new Map<string, DeliveryQueue>();
  const configs = new Map(config.destinations.map((d) => [d.name, d]));
  for (const destination of destinations) {
    if (queues.has(destination.name)) {
      throw new AlertsError(
        'DUPLICATE_DESTINATION',
        `destination name "${destination.name}" is used twice; give each destination a unique name`,
      );
    }

    const own = configs.get(destination.name);
    const queue = new DeliveryQueue(destination, {
      ...shared,
      retry: config.retry,
      timeout: own?.timeout ?? config.timeout,
      rateLimit:
        own?.rateLimit ?? config.rateLimit ?? destination.defaultRateLimit,
      failureThreshold: config.circuitBreaker.failureThreshold,
      cooldown: config.circuitBreaker.cooldown,
      maxQueueSize: config.maxQueueSize,
    });
    queues.set(destination.name, queue);
  }
  return queues;
}
