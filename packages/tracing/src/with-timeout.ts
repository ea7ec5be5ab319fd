/** Outcome of `forceFlush()` or `shutdown()`, which never reject. */
export interface FlushResult {
  /** Whether every span processor and exporter finished in time. */
  ok: boolean;
  /** Whether the timeout elapsed before the work finished. */
  timedOut: boolean;
  /** Error raised by the work, when it failed before the timeout. */
  error?: Error;
}

function toError(value: unknown): Error {
  // BasicTracerProvider rejects `forceFlush()` with the list of the errors
  // of its span processors instead of one error.
  if (Array.isArray(value)) {
    if (value.length === 1) {
      return toError(value[0]);
    }
    const errors = value.map(toError);
    const messages = errors.map((error) => error.message).join('; ');
    return new AggregateError(errors, messages);
  }
  return value instanceof Error ? value : new Error(String(value));
}

/**
 * Waits for `work` at most `timeoutMs` and turns its outcome into a
 * `FlushResult`. The timer does not keep the process alive, and a
 * rejection after the timeout is caught and ignored.
 */
export function settleWithin(
  work: () => Promise<unknown>,
  timeoutMs: number,
): Promise<FlushResult> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      resolve({ ok: false, timedOut: true });
    }, timeoutMs);
    timer.unref();

    let promise: Promise<unknown>;
    try {
      promise = work();
    } catch (error) {
      promise = Promise.reject(error);
    }

    promise.then(
      () => {
        clearTimeout(timer);
        resolve({ ok: true, timedOut: false });
      },
      (error: unknown) => {
        clearTimeout(timer);
        resolve({ ok: false, timedOut: false, error: toError(error) });
      },
    );
  });
}
