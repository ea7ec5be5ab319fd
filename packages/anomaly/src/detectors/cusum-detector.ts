import {
  type DetectorResult,
  type DetectorState,
  readNumber,
} from './detector.js';
import {
  bandResult,
  checkAlgorithm,
  StreamDetector,
  type StreamDetectorOptions,
} from './stream-detector.js';

/** Options of `CusumDetector`. */
export interface CusumDetectorOptions extends StreamDetectorOptions {
  /** Valid points that only learn the reference. @default 64 */
  warmUp?: number;
  /** Points of memory of the reference mean and variance. @default 256 */
  window?: number;
  /**
   * Shift, in standard deviations, that the sums ignore per point. @default 0.5
   */
  slack?: number;
  /** Cumulative sum, in standard deviations, that scores 0.5. @default 4 */
  decisionInterval?: number;
}

/**
 * Two-sided CUSUM for level shifts: sums the standardized excess over a
 * slack in each direction, and re-learns the level after each alarm.
 */
export class CusumDetector extends StreamDetector {
  readonly algorithm = 'cusum';
  private readonly alpha: number;
  private readonly slack: number;
  private readonly decisionInterval: number;
  private mean = 0;
  private variance = 0;
  private upperSum = 0;
  private lowerSum = 0;

  constructor(options: CusumDetectorOptions = {}) {
    super({ ...options, warmUp: options.warmUp ?? 64 });
    this.alpha = 2 / ((options.window ?? 256) + 1);
    this.slack = options.slack ?? 0.5;
    this.decisionInterval = options.decisionInterval ?? 4;
  }

  /** Rebuilds a detector from the output of `toJSON()`. */
  static restore(
    state: DetectorState,
    options: CusumDetectorOptions = {},
  ): CusumDetector {
    checkAlgorithm(state, 'cusum');
    const detector = new CusumDetector(options);
    detector.restoreShared(state);
    detector.mean = readNumber(state.mean, 0);
    detector.variance = readNumber(state.variance, 0);
    detector.upperSum = readNumber(state.upperSum, 0);
    detector.lowerSum = readNumber(state.lowerSum, 0);
    return detector;
  }

  protected scoreValue(_timestamp: number, value: number): DetectorResult {
    if (this.seen === 0) {
      this.mean = value;
      return bandResult(value, 0, value, 0, this.threshold, true);
    }

    const spread = Math.sqrt(this.variance);
    const floor = 1e-9 * Math.max(1, Math.abs(this.mean));
    const diff = value - this.mean;
    const z = Math.max(-8, Math.min(8, diff / Math.max(spread, floor)));
    const warmingUp = this.warmingUp();
    if (!warmingUp) {
      this.upperSum = Math.max(0, this.upperSum + z - this.slack);
      this.lowerSum = Math.max(0, this.lowerSum - z - this.slack);
    }

    const sum = Math.max(this.upperSum, this.lowerSum);
    const score = sum / (sum + this.decisionInterval);
    const result = bandResult(
      value,
      score,
      this.mean,
      spread,
      this.threshold,
      warmingUp,
    );
    if (result.anomalous) {
      result.reason =
        this.upperSum >= this.lowerSum ? 'level up' : 'level down';
      this.upperSum = 0;
      this.lowerSum = 0;
      this.mean = value;
      return result;
    }

    const step = this.alpha * diff;
    this.mean += step;
    this.variance = (1 - this.alpha) * (this.variance + diff * step);
    return result;
  }

  protected stateFields(): Record<string, unknown> {
    return {
      mean: this.mean,
      variance: this.variance,
      upperSum: this.upperSum,
      lowerSum: this.lowerSum,
    };
  }
}
