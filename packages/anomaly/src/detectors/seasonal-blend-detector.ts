import { AnomalyError } from '../errors.js';
import {
  type Detector,
  type DetectorCounts,
  type DetectorResult,
  type DetectorState,
  readNumber,
} from './detector.js';
import { QuantileDetector } from './quantile-detector.js';
import { SeasonalDetector } from './seasonal-detector.js';

/** Options of `SeasonalBlendDetector`. */
export interface SeasonalBlendDetectorOptions {
  /** Detector that scores every point. @default a `QuantileDetector` */
  base?: Detector;
  /**
   * Profile whose score joins in on seasonal series. @default a daily
   * `SeasonalDetector` with 288 slots (5 minutes each)
   */
  seasonal?: SeasonalDetector;
  /**
   * Factor applied to the seasonal score before it competes with the base
   * score. @default 0.7
   */
  weight?: number;
  /**
   * Share of the variance the profile must explain before its score counts.
   * @default 0.95
   */
  minExplained?: number;
  /** Valid points before the seasonal score may count. @default 600 */
  minPoints?: number;
}

/** Smoothing factor of the variances behind the explained share. */
const VARIANCE_ALPHA = 0.002;

/**
 * Scores with a base detector and, once a seasonal profile explains most of
 * the variance (a daily cycle), also with that profile: a value normal for
 * the series but wrong for its time of day then scores too. On series
 * without such a cycle only the base score counts.
 */
export class SeasonalBlendDetector implements Detector {
  readonly algorithm = 'seasonal-blend';
  private readonly base: Detector;
  private readonly seasonal: SeasonalDetector;
  private readonly weight: number;
  private readonly minExplained: number;
  private readonly minPoints: number;
  private mean = 0;
  private variance = 0;
  private residualVariance = 0;
  private seen = 0;

  constructor(options: SeasonalBlendDetectorOptions = {}) {
    this.base = options.base ?? new QuantileDetector();
    this.seasonal =
      options.seasonal ?? new SeasonalDetector({ slots: 288, minSamples: 2 });
    this.weight = options.weight ?? 0.7;
    this.minExplained = options.minExplained ?? 0.95;
    this.minPoints = options.minPoints ?? 600;
  }

  /**
   * Rebuilds a detector from `toJSON()` output. The base detector is
   * restored by the caller (see `restoreDetector`) and passed in `options`.
   */
  static restore(
    state: DetectorState,
    options: SeasonalBlendDetectorOptions = {},
  ): SeasonalBlendDetector {
    if (state?.algorithm !== 'seasonal-blend') {
      throw new AnomalyError(
        'ANOMALY_INVALID_STATE',
        `cannot restore a '${String(state?.algorithm)}' state into a 'seasonal-blend' detector: pass a state that its toJSON() wrote`,
      );
    }
    const detector = new SeasonalBlendDetector({
      ...options,
      base:
        options.base ?? QuantileDetector.restore(state.base as DetectorState),
      seasonal:
        options.seasonal ??
        SeasonalDetector.restore(state.seasonal as DetectorState),
    });
    detector.mean = readNumber(state.mean, 0);
    detector.variance = readNumber(state.variance, 0);
    detector.residualVariance = readNumber(state.residualVariance, 0);
    detector.seen = readNumber(state.seen, 0);
    return detector;
  }

  update(timestamp: number, value: number): DetectorResult {
    const result = this.base.update(timestamp, value);
    if (result.reason === 'invalid value') {
      return result;
    }

    const profile = this.seasonal.update(timestamp, value);
    const explained = this.learn(value, profile.expected);
    const blended = profile.score * this.weight;
    if (explained < this.minExplained || blended <= result.score) {
      return result;
    }
    return { ...profile, score: blended, reason: 'unusual for the season' };
  }

  counts(): DetectorCounts {
    return this.base.counts();
  }

  toJSON(): DetectorState {
    return {
      algorithm: this.algorithm,
      version: 1,
      counts: this.counts(),
      mean: this.mean,
      variance: this.variance,
      residualVariance: this.residualVariance,
      seen: this.seen,
      base: this.base.toJSON(),
      seasonal: this.seasonal.toJSON(),
    };
  }

  /** Updates the variances and returns the share the profile explains. */
  private learn(value: number, expected: number): number {
    this.seen += 1;
    if (this.seen === 1) {
      this.mean = value;
    }
    const diff = value - this.mean;
    const step = VARIANCE_ALPHA * diff;
    this.mean += step;
    this.variance = (1 - VARIANCE_ALPHA) * (this.variance + diff * step);
    const residual = Number.isFinite(expected) ? value - expected : 0;
    this.residualVariance +=
      VARIANCE_ALPHA * (residual * residual - this.residualVariance);

    if (this.seen <= this.minPoints || !(this.variance > 0)) {
      return 0;
    }
    return 1 - this.residualVariance / this.variance;
  }
}
