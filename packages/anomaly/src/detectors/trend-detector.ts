import {
  type DetectorResult,
  type DetectorState,
  readNumber,
} from './detector.js';
import {
  checkAlgorithm,
  StreamDetector,
  type StreamDetectorOptions,
} from './stream-detector.js';

/** Options of `TrendDetector`. */
export interface TrendDetectorOptions extends StreamDetectorOptions {
  /** Points of memory of the level and slope. @default 64 */
  window?: number;
  /**
   * Value at which the resource is exhausted (bytes, percent...). @default
   * Infinity
   */
  capacity?: number;
  /** Time to exhaustion, in ms, that scores 0.5. @default 3_600_000 */
  horizonMs?: number;
}

/** Result of `TrendDetector`, with the projected time to exhaustion. */
export interface TrendResult extends DetectorResult {
  /**
   * Milliseconds until the level reaches the capacity, `Infinity` when it does
   * not rise.
   */
  timeToExhaustionMs: number;
  /** Smoothed slope, in value units per second. */
  slopePerSecond: number;
}

/**
 * Holt's linear trend on event time: tracks a level and a slope per second
 * and projects when the level reaches `capacity` (a memory leak, a filling
 * disk or KV cache). The score rises as that time shrinks below the horizon.
 */
export class TrendDetector extends StreamDetector {
  readonly algorithm = 'trend';
  private readonly alpha: number;
  private readonly beta: number;
  private readonly capacity: number;
  private readonly horizonMs: number;
  private level = 0;
  private slope = 0;
  private previousTimestamp = Number.NaN;

  constructor(options: TrendDetectorOptions = {}) {
    super(options);
    const window = options.window ?? 64;
    this.alpha = 2 / (window + 1);
    this.beta = this.alpha / 2;
    this.capacity = options.capacity ?? Number.POSITIVE_INFINITY;
    this.horizonMs = options.horizonMs ?? 3_600_000;
  }

  /** Rebuilds a detector from the output of `toJSON()`. */
  static restore(
    state: DetectorState,
    options: TrendDetectorOptions = {},
  ): TrendDetector {
    checkAlgorithm(state, 'trend');
    const detector = new TrendDetector(options);
    detector.restoreShared(state);
    detector.level = readNumber(state.level, 0);
    detector.slope = readNumber(state.slope, 0);
    detector.previousTimestamp = readNumber(
      state.previousTimestamp,
      Number.NaN,
    );
    return detector;
  }

  override update(timestamp: number, value: number): TrendResult {
    return super.update(timestamp, value) as TrendResult;
  }

  protected scoreValue(timestamp: number, value: number): TrendResult {
    const elapsedSeconds = (timestamp - this.previousTimestamp) / 1000;
    if (this.seen === 0) {
      this.level = value;
    } else if (elapsedSeconds > 0) {
      const forecast = this.level + this.slope * elapsedSeconds;
      const level = this.alpha * value + (1 - this.alpha) * forecast;
      const observedSlope = (level - this.level) / elapsedSeconds;
      this.slope = this.beta * observedSlope + (1 - this.beta) * this.slope;
      this.level = level;
    } else {
      this.level = this.alpha * value + (1 - this.alpha) * this.level;
    }
    if (elapsedSeconds > 0 || this.seen === 0) {
      this.previousTimestamp = timestamp;
    }

    return this.buildResult();
  }

  private buildResult(): TrendResult {
    const remaining = this.capacity - this.level;
    let timeToExhaustionMs = Number.POSITIVE_INFINITY;
    if (remaining <= 0) {
      timeToExhaustionMs = 0;
    } else if (this.slope > 0) {
      timeToExhaustionMs = (remaining / this.slope) * 1000;
    }

    const warmingUp = this.warmingUp();
    const score = warmingUp
      ? 0
      : this.horizonMs / (this.horizonMs + timeToExhaustionMs);
    const anomalous = score >= this.threshold;
    let reason = warmingUp ? 'warming up' : 'no exhaustion in sight';
    if (anomalous) {
      reason = 'exhaustion ahead';
    } else if (!warmingUp && Number.isFinite(timeToExhaustionMs)) {
      reason = 'rising';
    }

    return {
      score,
      anomalous,
      expected: this.level,
      lower: Number.NEGATIVE_INFINITY,
      upper: this.capacity,
      reason,
      timeToExhaustionMs,
      slopePerSecond: this.slope,
    };
  }

  protected stateFields(): Record<string, unknown> {
    return {
      level: this.level,
      slope: this.slope,
      previousTimestamp: Number.isFinite(this.previousTimestamp)
        ? this.previousTimestamp
        : null,
    };
  }
}
