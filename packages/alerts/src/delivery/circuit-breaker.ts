/** State of a circuit breaker. */
export type CircuitState = 'closed' | 'open' | 'half-open';

/**
 * Circuit breaker of one destination: it opens after `failureThreshold`
 * consecutive failed attempts, lets one trial attempt through after
 * `cooldown` milliseconds, and closes again when that trial succeeds.
 */
export class CircuitBreaker {
  private consecutiveFailures = 0;
  private openedAt = 0;
  /** Current state. */
  state: CircuitState = 'closed';
  /** Times the circuit opened. */
  opened = 0;

  constructor(
    private readonly failureThreshold: number,
    private readonly cooldown: number,
  ) {}

  /** Returns how long to wait before an attempt is allowed. */
  waitMs(now: number): number {
    if (this.state !== 'open') {
      return 0;
    }
    const wait = this.openedAt + this.cooldown - now;
    if (wait <= 0) {
      this.state = 'half-open';
      return 0;
    }
    return wait;
  }

  /** Records a delivered attempt. */
  recordSuccess(): void {
    this.consecutiveFailures = 0;
    this.state = 'closed';
  }

  /** Records a failed attempt. */
  recordFailure(now: number): void {
    this.consecutiveFailures += 1;
    const tripped = this.consecutiveFailures >= this.failureThreshold;
    if (this.state === 'half-open' || tripped) {
      if (this.state !== 'open') {
        this.opened += 1;
      }
      this.state = 'open';
      this.openedAt = now;
    }
  }
}
