import type { DestinationConfigOutput } from '@mm-orch/config';
import { AlertsError } from '../errors.js';
import type {
  DestinationContext,
  DestinationFactory,
} from '../router-options.js';
import { AlertmanagerDestination } from './alertmanager-destination.js';
import { ConsoleDestination } from './console-destination.js';
import type { Destination } from './destination.js';
import { FileDestination } from './file-destination.js';
import { MemoryDestination } from './memory-destination.js';
import { PagerDutyDestination } from './pagerduty-destination.js';
import { SlackDestination } from './slack-destination.js';
import { WebhookDestination } from './webhook-destination.js';

/**
 * Builds a destination from its parsed config: a built-in type, or a
 * registered type through its factory.
 */
export function createDestination(
  config: DestinationConfigOutput,
  context: DestinationContext,
  factories: Record<string, DestinationFactory>,
): Destination {
  switch (config.type) {
    case 'console':
      return new ConsoleDestination({
        ...config,
        stdout: context.stdout,
      } as never);
    case 'memory':
      return new MemoryDestination(config as never);
    case 'file':
      return new FileDestination(config as never);
    case 'webhook':
      return new WebhookDestination(config as never);
    case 'slack':
      return new SlackDestination(config as never);
    case 'pagerduty':
      return new PagerDutyDestination(config as never);
    case 'alertmanager':
      return new AlertmanagerDestination(config as never);
  }

  const factory = factories[config.type];
  if (!factory) {
    throw new AlertsError(
      'UNKNOWN_DESTINATION_TYPE',
      `destination "${config.name}" has type "${config.type}", which has no factory; pass destinationFactories: { '${config.type}': (config) => new YourDestination(config) }`,
    );
  }
  return factory(config as never, context);
}
