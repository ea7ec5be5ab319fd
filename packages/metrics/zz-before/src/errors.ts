/** Stable codes of the errors that `@mm-orch/metrics` raises. */
export type MetricsErrorCode =
  | 'METRICS_INVALID_OPTIONS'
  | 'METRICS_INVALID_NAME'
  | 'METRICS_CONFLICT'
  | 'METRICS_UNKNOWN_METRIC'
  | 'METRICS_ADDRESS_IN_USE'
  | 'METRICS_START_FAILED';

/**
 * Error raised at the edge of the metrics package (constructor, metric
 * registration, `start()`). The recording methods catch every error
 * instead.
 */
export class MetricsError extends Error {
  /** Stable machine-readable code of the failure. */
  readonly code: MetricsErrorCode;

  constructor(code: MetricsErrorCode, message: string, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'MetricsError';
    this.code = code;
  }
}
