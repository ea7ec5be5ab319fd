/** Error raised at the edge of `@mm-orch/alerts` (constructor, options). */
export class AlertsError extends Error {
  /** Stable upper-case code, such as `INVALID_MATCHER`. */
  readonly code: string;

  constructor(code: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'AlertsError';
    this.code = code;
  }
}

/**
 * Error that a destination throws when a delivery attempt fails. The queue
 * retries it unless `retryable` is false, and waits `retryAfterMs` first
 * when the server asked for it.
 */
export class DeliveryError extends Error {
  /** Whether another attempt may succeed. */
  readonly retryable: boolean;
  /** HTTP status of the response, when there was one. */
  readonly status: number | undefined;
  /** Wait that the server asked for (`Retry-After`), in milliseconds. */
  readonly retryAfterMs: number | undefined;

  constructor(
    message: string,
    options: {
      retryable?: boolean;
      status?: number;
      retryAfterMs?: number;
      cause?: unknown;
    } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'DeliveryError';
    this.retryable = options.retryable ?? true;
    this.status = options.status;
    this.retryAfterMs = options.retryAfterMs;
  }
}
