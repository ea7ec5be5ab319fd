import {
  type DetectorResult,
  type DetectorState,
  readNumber,
  scoreFromDeviations,
} from './detector.js';
import {
  bandResult,
  checkAlgorithm,
  StreamDetector,
  type StreamDetectorOptions,
} from './stream-detector.js';

/** Options of `EwmaDetector`. */
export interface EwmaDetectorOptions extends StreamDetectorOptions {
  /**
   * Points of memory: the smoothing factor is `2 / (window + 1)`. @default 64
   */
  window?: number;
}

/**
 * Scores each point by its distance, in standard deviations, from an
 * exponentially weighted mean and variance.
 */
export class EwmaDetector extends StreamDetector {
  readonly algorithm = 'ewma';
  private readonly alpha: number;
  private mean = 0;
  private variance = 0;

  constructor(options: EwmaDetectorOptions = {}) {
    super(options);
    this.alpha = 2 / ((options.window ?? 64) + 1);
  }

  /** Rebuilds a detector from the output of `toJSON()`. */
  static restore(
    state: DetectorState,
    options: EwmaDetectorOptions = {},
  ): EwmaDetector {
    checkAlgorithm(state, 'ewma');
    const detector = new EwmaDetector(options);
    detector.restoreShared(state);
    detector.mean = readNumber(state.mean, 0);
    detector.variance = readNumber(state.variance, 0);
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
    const score = scoreFromDeviations(Math.abs(diff) / Math.max(spread, floor));
    const result = bandResult(
      value,
      score,
      this.mean,
      spread,
      this.threshold,
      this.warmingUp(),
    );

    this.learn(diff);
    return result;
  }

  private learn(diff: number): void {
    const step = this.alpha * diff;
    this.mean += step;
    this.variance = (1 - this.alpha) * (this.variance + diff * step);
  }

  protected stateFields(): Record<string, unknown> {
    return { mean: this.mean, variance: this.variance };
  }
}
