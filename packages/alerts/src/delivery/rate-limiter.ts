/**
 * Token bucket: `count` tokens per `interval` milliseconds, with a burst of
 * at most `count`.
 */
export class RateLimiter {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly count: number,
    private readonly interval: number,
    now: number,
  ) {
    this.tokens = count;
    this.updatedAt = now;
  }

  /** Returns how long to wait for a token, 0 when one is there now. */
  waitMs(now: number): number {
    this.refill(now);
    if (this.tokens >= 1) {
      return 0;
    }
    return Math.ceil(((1 - this.tokens) * this.interval) / this.count);
  }

  /** Takes a token; call it only when `waitMs` returned 0. */
  take(now: number): void {
    this.refill(now);
    this.tokens -= 1;
  }

  private refill(now: number): void {
    const elapsed = Math.max(0, now - this.updatedAt);
    this.tokens = Math.min(
      this.count,
      this.tokens + (elapsed * this.count) / this.interval,
    );
    this.updatedAt = now;
  }
}
