import {
  type DetectorResult,
  type DetectorState,
  scoreFromDeviations,
} from './detector.js';
import { SortedWindow } from './sorted-window.js';
import {
  bandResult,
  checkAlgorithm,
  StreamDetector,
  type StreamDetectorOptions,
} from './stream-detector.js';

/** Options of `RobustDetector`. */
export interface RobustDetectorOptions extends StreamDetectorOptions {
  /** Points in the bounded window behind the median and MAD. @default 64 */
  window?: number;
}

/** Scale that turns a MAD into a standard deviation for normal data. */
const MAD_TO_SIGMA = 1.4826;

/**
 * Scores each point by its distance from the median of a bounded window,
 * in units of the median absolute deviation (MAD), so that outliers in the
 * window do not widen the band.
 */
export class RobustDetector extends StreamDetector {
  readonly algorithm = 'robust';
  private readonly window: SortedWindow;

  constructor(options: RobustDetectorOptions = {}) {
    super(options);
    this.window = new SortedWindow(Math.max(3, options.window ?? 64));
  }

  /** Rebuilds a detector from the output of `toJSON()`. */
  static restore(
    state: DetectorState,
    options: RobustDetectorOptions = {},
  ): RobustDetector {
    checkAlgorithm(state, 'robust');
    const values = Array.isArray(state.values) ? state.values : [];
    const detector = new RobustDetector({
      ...options,
      window: options.window ?? Math.max(3, values.length),
    });
    for (const value of values) {
      if (typeof value === 'number' && Number.isFinite(value)) {
        detector.window.push(value);
      }
    }
    detector.restoreShared(state);
    return detector;
  }

  protected scoreValue(_timestamp: number, value: number): DetectorResult {
    if (this.window.size === 0) {
      this.window.push(value);
      return bandResult(value, 0, value, 0, this.threshold, true);
    }

    const median = this.window.median();
    const spread = MAD_TO_SIGMA * this.window.medianAbsoluteDeviation(median);
    const floor = 1e-9 * Math.max(1, Math.abs(median));
    const deviations = Math.abs(value - median) / Math.max(spread, floor);
    const result = bandResult(
      value,
      scoreFromDeviations(deviations),
      median,
      spread,
      this.threshold,
      this.warmingUp(),
    );

    this.window.push(value);
    return result;
  }

  protected stateFields(): Record<string, unknown> {
    return { values: this.window.values() };
  }
}
