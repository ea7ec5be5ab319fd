/** Health of a destination as `getStatus()` shows it. */
export type DestinationState = 'healthy' | 'retrying' | 'circuit-open';

/** Counts and state of one destination. */
export interface DestinationStatus {
  /** Health now. */
  state: DestinationState;
  /** Notifications delivered. */
  delivered: number;
  /** Failed attempts, retried ones included. */
  failed: number;
  /** Attempts retried after a failure. */
  retried: number;
  /** Notifications given up and written to the dead-letter log. */
  deadLettered: number;
  /** Notifications waiting, the one in flight included. */
  queueDepth: number;
  /** Notifications that waited for the rate limit, each counted once. */
  rateLimited: number;
  /** Times the circuit breaker opened. */
  circuitOpened: number;
  /** Message of the last failed attempt. */
  lastError: string | undefined;
}
