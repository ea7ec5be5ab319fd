/**
 * Error that ends one inference request with an HTTP status and an
 * OpenAI-style error body.
 */
export class InferenceError extends Error {
  /** HTTP status sent to the client. */
  readonly status: number;
  /** Stable uppercase code, also sent as the error body's `code`. */
  readonly code: string;
  /** Seconds for the `Retry-After` header, when the client should retry. */
  readonly retryAfterSeconds: number | undefined;

  constructor(
    status: number,
    code: string,
    message: string,
    options: { retryAfterSeconds?: number; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'InferenceError';
    this.status = status;
    this.code = code;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

/** Builds the 429 error of a full queue. */
export function queueFullError(
  model: string,
  limit: number,
  retryAfterSeconds: number,
): InferenceError {
  return new InferenceError(
    429,
    'QUEUE_FULL',
    `queue of model "${model}" is full (${limit} requests waiting); retry after ${retryAfterSeconds} s`,
    { retryAfterSeconds },
  );
}

/** Builds the 504 error of a request that passed its deadline. */
export function deadlineError(
  model: string,
  timeoutMs: number,
): InferenceError {
  return new InferenceError(
    504,
    'DEADLINE_EXCEEDED',
    `request to model "${model}" timed out after ${timeoutMs} ms`,
  );
}

/** Builds the 404 error of an unknown model name. */
export function modelNotFoundError(
  model: string,
  known: readonly string[],
): InferenceError {
  return new InferenceError(
    404,
    'MODEL_NOT_FOUND',
    `model "${model}" not found; available models: ${known.join(', ') || 'none'}`,
  );
}

/** Builds the 503 error of a model that is not ready to serve. */
export function modelNotReadyError(
  model: string,
  state: string,
): InferenceError {
  return new InferenceError(
    503,
    'MODEL_NOT_READY',
    `model "${model}" is ${state}, not ready; load it with POST /admin/models/${model}/load`,
    { retryAfterSeconds: 1 },
  );
}

/** Builds the 503 error sent while the server shuts down. */
export function shuttingDownError(): InferenceError {
  return new InferenceError(
    503,
    'SHUTTING_DOWN',
    'server is shutting down; retry on another instance',
    { retryAfterSeconds: 1 },
  );
}

/** Builds the 502 error of a failed model call. */
export function modelError(model: string, cause: unknown): InferenceError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new InferenceError(
    502,
    'MODEL_ERROR',
    `model "${model}" failed: ${reason}`,
    { cause },
  );
}

/** Error thrown when a request is cancelled, e.g. the client went away. */
export class CancelledError extends Error {
  /** Stable uppercase code. */
  readonly code = 'CANCELLED';

  constructor(reason: string) {
    super(`request cancelled: ${reason}`);
    this.name = 'CancelledError';
  }
}
