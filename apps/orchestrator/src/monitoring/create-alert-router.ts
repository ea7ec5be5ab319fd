import { AlertRouter, createDestination } from '@mm-orch/alerts';
import {
  AlertingConfig,
  type AlertingConfigOutput,
  type Logger,
  parseConfig,
} from '@mm-orch/config';
import {
  type DeliveryListener,
  ObservedDestination,
} from './observed-destination.js';

/**
 * Builds the app's alert router, with each configured destination wrapped
 * so that `onDelivered` receives every accepted notification. With no
 * destination configured, alerts go to an in-memory one, so they still
 * show in `GET /alerts` and reach `onDelivered`.
 */
export function createAlertRouter(
  config: AlertingConfigOutput,
  logger: Logger,
  onDelivered: DeliveryListener,
): AlertRouter {
  const alerting = parseConfig(AlertingConfig, {
    ...config,
    destinations:
      config.destinations.length > 0
        ? config.destinations
        : [{ type: 'memory', name: 'memory' }],
  });
  const { destinations, rateLimit, ...rest } = alerting;

  // The router applies a config entry's `timeout` and `rateLimit` only to
  // destinations that it builds itself, so the wrapper carries them. The
  // router-wide `rateLimit` moves into each wrapper too, because the router
  // would otherwise rank it above an entry's own limit.
  const observed = destinations.map((destination) => {
    const inner = createDestination(
      destination,
      { logger, stdout: process.stdout },
      {},
    );
    return new ObservedDestination(inner, onDelivered, {
      timeout: destination.timeout,
      rateLimit: destination.rateLimit ?? rateLimit,
    });
  });
  return new AlertRouter({ ...rest, destinations: observed, logger });
}
