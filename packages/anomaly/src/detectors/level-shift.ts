import { readNumber } from './detector.js';

/** Largest deviation, in spreads, that one point adds to the shift sums. */
const SHIFT_CLIP = 4;
/** Deviation, in spreads, that a point must exceed to add to a shift sum. */
const SHIFT_SLACK = 1;

/**
 * Two one-sided CUSUM sums of clipped deviations (in spreads) above and
 * below the center, with the mean of the values since each sum last left 0.
 */
export class LevelShift {
  /** Largest amount one point adds to a sum. */
  static readonly maxStep = SHIFT_CLIP - SHIFT_SLACK;

  private high = 0;
  private low = 0;
  private highSum = 0;
  private highCount = 0;
  private lowSum = 0;
  private lowCount = 0;

  /**
   * Adds one point and returns the mean level of a shift whose sum reached
   * `limit` (and clears both sums), or `NaN`.
   */
  add(value: number, deviations: number, limit: number): number {
    const clipped = Math.max(-SHIFT_CLIP, Math.min(SHIFT_CLIP, deviations));
    this.high = Math.max(0, this.high + clipped - SHIFT_SLACK);
    this.low = Math.max(0, this.low - clipped - SHIFT_SLACK);
    this.highSum = this.high > 0 ? this.highSum + value : 0;
    this.highCount = this.high > 0 ? this.highCount + 1 : 0;
    this.lowSum = this.low > 0 ? this.lowSum + value : 0;
    this.lowCount = this.low > 0 ? this.lowCount + 1 : 0;

    let level = Number.NaN;
    if (this.high >= limit) {
      level = this.highSum / this.highCount;
    } else if (this.low >= limit) {
      level = this.lowSum / this.lowCount;
    }
    if (!Number.isNaN(level)) {
      this.restore(undefined);
    }
    return level;
  }

  /** Returns whether the last point started a run above the center. */
  startedHigh(): boolean {
    return this.highCount === 1;
  }

  /** Returns whether the last point started a run below the center. */
  startedLow(): boolean {
    return this.lowCount === 1;
  }

  /** Plain-object copy of the sums, for serialization. */
  toJSON(): number[] {
    return [
      this.high,
      this.low,
      this.highSum,
      this.highCount,
      this.lowSum,
      this.lowCount,
    ];
  }

  /** Loads sums written by `toJSON()`; anything else clears them. */
  restore(state: unknown): void {
    const fields: unknown[] = Array.isArray(state) ? state : [];
    const read = (i: number) => readNumber(fields[i], 0);
    this.high = read(0);
    this.low = read(1);
    this.highSum = read(2);
    this.highCount = read(3);
    this.lowSum = read(4);
    this.lowCount = read(5);
  }
}
