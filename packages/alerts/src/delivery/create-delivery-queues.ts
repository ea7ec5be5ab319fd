import type { AlertingConfigOutput, Logger } from '@mm-orch/config';
import type { Destination } from '../destinations/destination.js';
import { AlertsError } from '../errors.js';
import type { DeadLetterLog } from './dead-letter.js';
import { DeliveryQueue } from './delivery-queue.js';
import type { NotificationOutcomeHandler } from './notification-outcome.js';
import type { Outbox } from './outbox.js';

/**
 * Throws `AlertsError` with code `INVALID_DESTINATION` for a destination
 * object without a usable `name` or `timeout`.
 */
export function checkDestination(destination: Destination): void {
  const { name, timeout } = destination;
  if (typeof name !== 'string' || name === '') {
    throw new AlertsError(
      'INVALID_DESTINATION',
      `destination object has name ${JSON.stringify(name)}; give it a non-empty string \`name\` that routes can use as their receiver`,
    );
  }
  const validTimeout =
    typeof timeout === 'number' && Number.isFinite(timeout) && timeout > 0;
  if (timeout !== undefined && !validTimeout) {
    throw new AlertsError(
      'INVALID_DESTINATION',
      `destination "${name}" has timeout ${String(timeout)}; set it to a positive number of milliseconds or leave it unset`,
    );
  }
}

/**
 * Creates one delivery queue per destination. The `timeout` and
 * `rateLimit` of a destination's config entry win over the router's, and
 * so does the `timeout` field of a `Destination` object. The router's
 * `rateLimit` wins over the destination's built-in default. Throws
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
    onOutcome: NotificationOutcomeHandler | undefined;
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
      timeout: own?.timeout ?? destination.timeout ?? config.timeout,
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
