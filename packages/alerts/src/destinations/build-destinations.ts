import type {
  DestinationConfigInput,
  DestinationConfigOutput,
} from '@mm-orch/config';
import { checkDestination } from '../delivery/create-delivery-queues.js';
import type {
  DestinationContext,
  DestinationFactory,
} from '../router-options.js';
import { createDestination } from './create-destination.js';
import type { Destination } from './destination.js';

/** Returns whether an entry of `destinations` is a ready `Destination` object. */
export function isDestination(
  value: DestinationConfigInput | Destination,
): value is Destination {
  return typeof (value as Destination).send === 'function';
}

/**
 * Builds the destinations of parsed config entries, then appends the ready
 * objects. Throws `AlertsError` for a type without a factory, or for an
 * object without a usable `name` or `timeout`.
 */
export function buildDestinations(
  configs: readonly DestinationConfigOutput[],
  instances: readonly Destination[],
  context: DestinationContext,
  factories: Record<string, DestinationFactory>,
): Destination[] {
  const built = configs.map((config) =>
    createDestination(config, context, factories),
  );
  const all = [...built, ...instances];
  for (const destination of all) {
    checkDestination(destination);
  }
  return all;
}
