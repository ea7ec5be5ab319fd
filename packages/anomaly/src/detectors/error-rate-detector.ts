import {
  type DetectorResult,
  type DetectorState,
  readNumber,
  scoreFromDeviations,
} from './detector.js';
import {
  checkAlgorithm,
  deviationsAtScore,
  StreamDetector,
  type StreamDetectorOptions,
} from './stream-detector.js';
import { binomialDeviations, wilsonInterval } from './wilson.js';

/** Options of `ErrorRateDetector`. */
export interface ErrorRateDetectorOptions extends StreamDetectorOptions {
  /** Intervals of memory of the baseline error rate. @default 64 */
  window?: number;
  /** Requests an interval needs before its error rate is judged. @default 20 */
  minSamples?: number;
  /**
   * Lowest baseline error rate, so a clean history does not make one error an
   * anomaly. @default 0.01
   */
  minBaseline?: number;
  /**
   * Anomalous intervals in a row after which the baseline learns from them
   * again, so a lasting rise becomes the new normal and its anomaly clears.
   * Without it, anomalous intervals never teach the baseline and a lasting
   * rise keeps firing until the rate falls. @default Infinity
   */
  acceptAfter?: number;
}

/**
 * Error rate per interval against a learned baseline, judged by a binomial
 * score test (the inversion of the Wilson interval) instead of the raw
 * ratio, and only once an interval has `minSamples` requests.
 */
export class ErrorRateDetector extends StreamDetector {
  readonly algorithm = 'error-rate';
  private readonly alpha: number;
  private readonly minSamples: number;
  private readonly minBaseline: number;
  private readonly acceptAfter: number;
  private baseline = 0;
  private anomalousRun = 0;

  constructor(options: ErrorRateDetectorOptions = {}) {
    super({ ...options, warmUp: options.warmUp ?? 3 });
    this.alpha = 2 / ((options.window ?? 64) + 1);
    this.minSamples = options.minSamples ?? 20;
    this.minBaseline = options.minBaseline ?? 0.01;
    this.acceptAfter = Math.max(
      0,
      options.acceptAfter ?? Number.POSITIVE_INFINITY,
    );
  }

  /** Rebuilds a detector from the output of `toJSON()`. */
  static restore(
    state: DetectorState,
    options: ErrorRateDetectorOptions = {},
  ): ErrorRateDetector {
    checkAlgorithm(state, 'error-rate');
    const detector = new ErrorRateDetector(options);
    detector.restoreShared(state);
    detector.baseline = readNumber(state.baseline, 0);
    detector.anomalousRun = readNumber(state.anomalousRun, 0);
    return detector;
  }

  /**
   * Scores the error ratio of one interval as if it had `minSamples`
   * requests. Prefer `updateCounts`, which receives the real count.
   */
  protected scoreValue(timestamp: number, value: number): DetectorResult {
    const ratio = Math.min(1, Math.max(0, value));
    return this.scoreCounts(
      timestamp,
      ratio * this.minSamples,
      this.minSamples,
    );
  }

  /**
   * Scores `errors` out of `total` requests of one interval, then learns from
   * them.
   */
  updateCounts(
    timestamp: number,
    errors: number,
    total: number,
  ): DetectorResult {
    this.pointCounts.points += 1;
    if (
      !(total >= 0 && errors >= 0 && errors <= total) ||
      !Number.isFinite(total)
    ) {
      this.pointCounts.invalid += 1;
      return {
        score: 0,
        anomalous: false,
        expected: Number.NaN,
        lower: Number.NaN,
        upper: Number.NaN,
        reason: 'invalid value',
      };
    }

    const result = this.scoreCounts(timestamp, errors, total);
    this.seen += 1;
    return result;
  }

  private scoreCounts(
    _timestamp: number,
    errors: number,
    total: number,
  ): DetectorResult {
    const baseline = Math.max(this.baseline, this.minBaseline);
    const band = wilsonInterval(
      errors,
      total,
      deviationsAtScore(this.threshold),
    );
    const expected = this.baseline;
    if (total < this.minSamples) {
      return {
        score: 0,
        anomalous: false,
        expected,
        lower: band.lower,
        upper: band.upper,
        reason: 'too few requests',
      };
    }

    const deviations = binomialDeviations(errors, total, baseline);
    const warmingUp = this.warmingUp();
    const score = warmingUp ? 0 : scoreFromDeviations(deviations);
    const anomalous = score >= this.threshold;
    let reason = warmingUp ? 'warming up' : 'within band';
    if (anomalous) {
      reason = 'error rate above baseline';
    }

    this.anomalousRun = anomalous ? this.anomalousRun + 1 : 0;
    if (!anomalous || this.anomalousRun > this.acceptAfter) {
      const weight = 1 - (1 - this.alpha) ** (total / this.minSamples);
      this.baseline += Math.min(1, weight) * (errors / total - this.baseline);
    }
    return {
      score,
      anomalous,
      expected,
      lower: band.lower,
      upper: band.upper,
      reason,
    };
  }

  protected stateFields(): Record<string, unknown> {
    return { baseline: this.baseline, anomalousRun: this.anomalousRun };
  }
}
