import type {
  AlertingConfigInput,
  CustomDestinationConfig,
  DestinationConfigInput,
  Logger,
} from '@mm-orch/config';
import type { NotificationOutcomeHandler } from './delivery/notification-outcome.js';
import type { Destination } from './destinations/destination.js';
import type { NotificationTemplate } from './template.js';

/** Stream that the console destination writes to, such as `process.stdout`. */
export interface TextSink {
  /** Writes a chunk of text. */
  write(text: string): unknown;
}

/** Context that a destination factory receives besides its config. */
export interface DestinationContext {
  /** Logger of the router. */
  logger: Logger;
  /** Stream of the console destination. */
  stdout: TextSink;
}

/** Builds a destination of a user-registered type from its parsed config. */
export type DestinationFactory = (
  config: CustomDestinationConfig,
  context: DestinationContext,
) => Destination;

/** Options of `AlertRouter`: `AlertingConfig` plus what config cannot hold. */
export interface AlertRouterOptions
  extends Omit<AlertingConfigInput, 'destinations'> {
  /**
   * Destinations: configs validated by `AlertingConfig`, or ready
   * `Destination` objects. @default []
   */
  destinations?: Array<DestinationConfigInput | Destination>;
  /** Factories of user-registered destination types, by type. @default {} */
  destinationFactories?: Record<string, DestinationFactory>;
  /** Logger for retries, dead letters and invalid alerts. @default silent */
  logger?: Logger;
  /** Stream of the console destinations. @default process.stdout */
  stdout?: TextSink;
  /** Renders titles and texts; failures fall back to plain text. @default plain */
  template?: NotificationTemplate;
  /**
   * Called inline on every delivery outcome of every destination. Errors it
   * throws or rejects with are counted in
   * `getStatus().notifications.outcomeHandlerErrors`. @default none
   */
  onNotificationOutcome?: NotificationOutcomeHandler;
  /** Source of jitter, returning values in [0, 1). @default Math.random */
  random?: () => number;
}
