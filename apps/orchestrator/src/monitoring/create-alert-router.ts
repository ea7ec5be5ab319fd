import { AlertRouter } from '@mm-orch/alerts';
import type { AlertingConfigOutput, Logger } from '@mm-orch/config';
import type { DeliveryListener } from './alert-delivery.js';

/**
 * Builds the app's alert router and reports each delivered notification to
 * `onDelivered` through the router's outcome hook. With no destination
 * configured, alerts go to an in-memory one, so they still show in
 * `GET /alerts` and reach `onDelivered`.
 */
export function createAlertRouter(
  config: AlertingConfigOutput,
  logger: Logger,
  onDelivered: DeliveryListener,
): AlertRouter {
  const destinations =
    config.destinations.length > 0
      ? config.destinations
      : [{ type: 'memory' as const, name: 'memory' }];

  return new AlertRouter({
    ...config,
    destinations,
    logger,
    onNotificationOutcome: (outcome) => {
      if (outcome.outcome !== 'delivered') {
        return;
      }
      onDelivered({
        destination: outcome.destination,
        notification: outcome.notification,
        deliveredAt: Date.now(),
      });
    },
  });
}
