import {
  type Context,
  type ContextManager,
  type Exception,
  type Span,
  SpanStatusCode,
} from '@opentelemetry/api';

/** Hook that adds attributes to a span before it ends with an error. */
export type ErrorHook = (span: Span, error: unknown) => void;

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    value !== null &&
    (typeof value === 'object' || typeof value === 'function') &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

/**
 * Returns the message of `error`, or a description of a thrown value that
 * is no `Error`. It falls back to `Object.prototype.toString`, because
 * `String()` throws on an object without a prototype and an error's
 * `message` may be a getter that throws.
 */
export function describeError(error: unknown): string {
  try {
    return error instanceof Error ? error.message : String(error);
  } catch {
    return Object.prototype.toString.call(error);
  }
}

function toException(error: unknown): Exception {
  if (error instanceof Error || typeof error === 'string') {
    return error;
  }
  return describeError(error);
}

/**
 * Sets the status of `span` to `ERROR` and records `error` as an exception
 * event, as the OpenTelemetry spec describes for a failed operation. The
 * status is set first, so that it holds even if recording the event fails.
 */
export function recordSpanError(span: Span, error: unknown): void {
  span.setStatus({ code: SpanStatusCode.ERROR, message: describeError(error) });
  span.recordException(toException(error));
}

function endWithError(
  span: Span,
  error: unknown,
  onError: ErrorHook | undefined,
): void {
  try {
    onError?.(span, error);
    recordSpanError(span, error);
  } catch {
    // The application's own error is the one to surface, so a failure
    // while recording it is dropped here.
  }
  span.end();
}

/**
 * Runs `fn(arg)` with `ctx` active in `manager` and ends `span` exactly once
 * when `fn` returns, throws, settles or rejects. The result or error of `fn`
 * is passed through unchanged, and a thenable result is replaced by a
 * promise of the same value.
 */
export function runInSpan<A, T>(
  manager: ContextManager,
  ctx: Context,
  span: Span,
  arg: A,
  fn: (arg: A) => T,
  onError?: ErrorHook,
): T {
  let result: T;
  try {
    result = manager.with(ctx, fn, undefined, arg);
  } catch (error) {
    endWithError(span, error, onError);
    throw error;
  }

  if (!isThenable(result)) {
    span.end();
    return result;
  }

  return result.then(
    (value) => {
      span.end();
      return value;
    },
    (error: unknown) => {
      endWithError(span, error, onError);
      throw error;
    },
  ) as T;
}
