/** Stable codes of the errors that `@mm-orch/anomaly` raises. */
export type AnomalyErrorCode =
  | 'ANOMALY_INVALID_OPTIONS'
  | 'ANOMALY_INVALID_STATE'
  | 'ANOMALY_UNKNOWN_DETECTOR'
  | 'ANOMALY_INVALID_INPUT';

/**
 * Error raised at the edge (constructor, restore, CLI input) of this package.
 */
export class AnomalyError extends Error {
  /** Stable uppercase code that callers can match on. */
  readonly code: AnomalyErrorCode;

  constructor(code: AnomalyErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'AnomalyError';
    this.code = code;
  }
}
