/** Stable codes of the errors that `OTelTracer` raises at its edges. */
export type TracingErrorCode =
  | 'TRACING_ALREADY_REGISTERED'
  | 'TRACING_SHUT_DOWN';

/**
 * Error raised by `register()`, never by the hot path. The message names
 * the problem and the fix. Invalid options raise `ConfigError` from
 * `@mm-orch/config` instead.
 */
export class TracingError extends Error {
  /** Stable uppercase code that callers can branch on. */
  readonly code: TracingErrorCode;

  constructor(code: TracingErrorCode, message: string) {
    super(message);
    this.name = 'TracingError';
    this.code = code;
  }
}
