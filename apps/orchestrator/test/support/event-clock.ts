/** A manual clock of event times, advanced by the test. */
export class EventClock {
  private current: number;

  constructor(start = Date.UTC(2026, 0, 1)) {
    this.current = start;
  }

  /** Returns the current event time, ms since the epoch. */
  now = (): number => this.current;

  /** Moves the clock forward by `ms`. */
  advance(ms: number): void {
    this.current += ms;
  }
}
