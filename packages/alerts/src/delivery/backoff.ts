/** Retry policy after defaults, all durations in milliseconds. */
export interface RetryPolicy {
  /** Attempts in total, the first one included. */
  attempts: number;
  /** Backoff before the second attempt. */
  baseBackoff: number;
  /** Backoff cap. */
  maxBackoff: number;
  /** Random share (0 to 1) taken off or added to each backoff. */
  jitter: number;
  /** Cap on a server's `Retry-After`. */
  maxRetryAfter: number;
}

/**
 * Computes the wait before the next attempt after `failures` failed ones:
 * `baseBackoff * 2^(failures - 1)`, capped at `maxBackoff`, then moved by up
 * to `jitter` of itself in either direction, so that many queues that
 * failed together do not retry together.
 */
export function backoffDelay(
  failures: number,
  policy: RetryPolicy,
  random: () => number,
): number {
  const exponent = Math.max(0, failures - 1);
  const base = Math.min(policy.maxBackoff, policy.baseBackoff * 2 ** exponent);
  const spread = base * policy.jitter;
  const jittered = base - spread + random() * 2 * spread;
  return Math.round(Math.min(policy.maxBackoff, Math.max(0, jittered)));
}

/**
 * Parses a `Retry-After` header, either delay-seconds or an HTTP date, into
 * milliseconds from `now`. Returns `undefined` when the header is absent or
 * invalid.
 */
export function parseRetryAfter(
  header: string | null | undefined,
  now: number,
): number | undefined {
  if (header === null || header === undefined || header.trim() === '') {
    return undefined;
  }

  const text = header.trim();
  if (/^\d+(\.\d+)?$/.test(text)) {
    return Math.round(Number(text) * 1000);
  }
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
