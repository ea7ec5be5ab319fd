/**
 * Rate limiter for re-posting alert groups to destinations that mirror
 * alert state. A request runs `onDue` at once when the group's last post is
 * at least `interval` milliseconds old, else when it will be. Requests made
 * while one is pending merge into it. The router takes `interval` from
 * `AlertingConfig.mirrorInterval`.
 * Timers are `unref`ed, so they never keep the process alive.
 */
export class StateMirror {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly sentAt = new Map<string, number>();

  constructor(
    private readonly interval: number,
    private readonly onDue: (groupKey: string) => void,
  ) {}

  /** Requests a post of one group, merged with a pending request. */
  request(groupKey: string, now: number): void {
    if (this.timers.has(groupKey)) {
      return;
    }

    const last = this.sentAt.get(groupKey) ?? Number.NEGATIVE_INFINITY;
    const delay = Math.max(0, last + this.interval - now);
    const timer = setTimeout(() => {
      this.timers.delete(groupKey);
      this.onDue(groupKey);
    }, delay);
    timer.unref?.();
    this.timers.set(groupKey, timer);
  }

  /** Records a post of one group, which starts its next interval. */
  markSent(groupKey: string, now: number): void {
    this.sentAt.set(groupKey, now);
  }

  /** Cancels the pending request of a group and drops its last post time. */
  forget(groupKey: string): void {
    clearTimeout(this.timers.get(groupKey));
    this.timers.delete(groupKey);
    this.sentAt.delete(groupKey);
  }

  /** Cancels every pending request. */
  stop(): void {
    for (const timer of this.timers.values()) {
      clearTimeout(timer);
    }
    this.timers.clear();
    this.sentAt.clear();
  }
}
