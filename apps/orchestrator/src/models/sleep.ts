/** Maximum delay of `setTimeout`; Node fires longer ones after 1 ms. */
const MAX_TIMEOUT_MS = 2_147_483_647;

/**
 * Resolves after `ms` milliseconds, or as soon as one of `signals` aborts;
 * 0 or less resolves at once. It never rejects, so callers check the
 * signals themselves. Delays above the `setTimeout` maximum are chained.
 */
export function sleep(
  ms: number,
  signals: readonly AbortSignal[] = [],
): Promise<void> {
  if (ms <= 0 || signals.some((signal) => signal.aborted)) {
    return Promise.resolve();
  }

  return new Promise((resolve) => {
    let remaining = ms;
    let timer: NodeJS.Timeout | undefined;
    const wake = () => {
      clearTimeout(timer);
      for (const signal of signals) {
        signal.removeEventListener('abort', wake);
      }
      resolve();
    };
    const arm = () => {
      const delay = Math.min(remaining, MAX_TIMEOUT_MS);
      remaining -= delay;
      timer = setTimeout(remaining > 0 ? arm : wake, delay);
    };

    arm();
    for (const signal of signals) {
      signal.addEventListener('abort', wake, { once: true });
    }
  });
}
