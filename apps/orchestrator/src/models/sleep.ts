/**
 * Resolves after `ms` milliseconds, or as soon as one of `signals` aborts;
 * 0 or less resolves at once. It never rejects, so callers check the
 * signals themselves.
 */
export function sleep(
  ms: number,
  signals: readonly AbortSignal[] = [],
): Promise<void> {
  if (ms <= 0 || signals.some((signal) => signal.aborted)) {
    return Promise.resolve();
  }

  return new Promise((resolve) => {
    const wake = () => {
      clearTimeout(timer);
      for (const signal of signals) {
        signal.removeEventListener('abort', wake);
      }
      resolve();
    };
    const timer = setTimeout(wake, ms);
    for (const signal of signals) {
      signal.addEventListener('abort', wake, { once: true });
    }
  });
}
