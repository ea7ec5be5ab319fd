import {
  type DetectorResult,
  type DetectorState,
  readNumber,
  scoreFromDeviations,
} from './detector.js';
import {
  bandResult,
  checkAlgorithm,
  clipToBand,
  StreamDetector,
  type StreamDetectorOptions,
} from './stream-detector.js';

/** Options of `ThroughputDetector`. */
export interface ThroughputDetectorOptions extends StreamDetectorOptions {
  /** Intervals of memory of the expected count. @default 64 */
  window?: number;
}

/**
 * Requests per interval against a Poisson-style expectation: the variance is
 * at least the expected count (Poisson) and at least the observed variance
 * (overdispersed traffic), so both drops and surges get a fair band.
 */
export class ThroughputDetector extends StreamDetector {
  readonly algorithm = 'throughput';
  private readonly alpha: number;
  private expected = 0;
  private variance = 0;

  constructor(options: ThroughputDetectorOptions = {}) {
    super({ ...options, warmUp: options.warmUp ?? 10 });
    this.alpha = 2 / ((options.window ?? 64) + 1);
  }

  /** Rebuilds a detector from the output of `toJSON()`. */
  static restore(
    state: DetectorState,
    options: ThroughputDetectorOptions = {},
  ): ThroughputDetector {
    checkAlgorithm(state, 'throughput');
    const detector = new ThroughputDetector(options);
    detector.restoreShared(state);
    detector.expected = readNumber(state.expected, 0);
    detector.variance = readNumber(state.variance, 0);
    return detector;
  }

  protected scoreValue(_timestamp: number, count: number): DetectorResult {
    if (this.seen === 0) {
      this.expected = count;
      return bandResult(count, 0, count, 0, this.threshold, true);
    }

    const spread = Math.sqrt(Math.max(this.expected, this.variance, 1));
    const diff = count - this.expected;
    const score = scoreFromDeviations(Math.abs(diff) / spread);
    const result = bandResult(
      count,
      score,
      this.expected,
      spread,
      this.threshold,
      this.warmingUp(),
    );
    if (result.anomalous) {
      result.reason = diff > 0 ? 'throughput surge' : 'throughput drop';
    }

    const learned = clipToBand(diff, result);
    const step = this.alpha * learned;
    this.expected += step;
    this.variance = (1 - this.alpha) * (this.variance + learned * step);
    result.lower = Math.max(0, result.lower);
    return result;
  }

  protected stateFields(): Record<string, unknown> {
    return { expected: this.expected, variance: this.variance };
  }
}
