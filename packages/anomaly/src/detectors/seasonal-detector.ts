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

/** Options of `SeasonalDetector`. */
export interface SeasonalDetectorOptions extends StreamDetectorOptions {
  /** Length of one season in ms: a day, or a week. @default 86_400_000 */
  periodMs?: number;
  /**
   * Slots the season is cut into; each slot learns its own baseline. @default
   * 48
   */
  slots?: number;
  /** Seasons of memory of each slot's mean and variance. @default 7 */
  window?: number;
  /** Points a slot needs before it may score above 0. @default 3 */
  minSamples?: number;
}

/** Points of the pooled variance in each slot's variance estimate. */
const PRIOR_WEIGHT = 5;

/**
 * Online seasonal profile: the time of day (or of week) picks a slot, and
 * each slot keeps an exponentially weighted mean and variance, so the 9 am
 * peak is judged against earlier 9 am values instead of the night.
 */
export class SeasonalDetector extends StreamDetector {
  readonly algorithm = 'seasonal';
  private readonly periodMs: number;
  private readonly alpha: number;
  private readonly minSamples: number;
  private readonly means: Float64Array;
  private readonly variances: Float64Array;
  private readonly samples: Float64Array;
  private pooledVariance = 0;

  constructor(options: SeasonalDetectorOptions = {}) {
    super({ ...options, warmUp: options.warmUp ?? 0 });
    const slots = Math.max(1, Math.floor(options.slots ?? 48));
    this.periodMs = options.periodMs ?? 86_400_000;
    this.alpha = 2 / ((options.window ?? 7) + 1);
    this.minSamples = options.minSamples ?? 3;
    this.means = new Float64Array(slots);
    this.variances = new Float64Array(slots);
    this.samples = new Float64Array(slots);
  }

  /** Rebuilds a detector from the output of `toJSON()`. */
  static restore(
    state: DetectorState,
    options: SeasonalDetectorOptions = {},
  ): SeasonalDetector {
    checkAlgorithm(state, 'seasonal');
    const means = state.means as number[];
    const detector = new SeasonalDetector({ ...options, slots: means.length });
    detector.restoreShared(state);
    detector.means.set(means);
    detector.variances.set(state.variances as number[]);
    detector.samples.set(state.samples as number[]);
    detector.pooledVariance = readNumber(state.pooledVariance, 0);
    return detector;
  }

  protected scoreValue(timestamp: number, value: number): DetectorResult {
    const slot = this.slotOf(timestamp);
    if (slot < 0) {
      return bandResult(value, 0, Number.NaN, 0, this.threshold, true);
    }

    const samples = this.samples[slot]!;
    const mean = this.means[slot]!;
    // A slot has seen few points, so its variance is shrunk towards the
    // variance pooled over all slots, weighted as PRIOR_WEIGHT points.
    const spread = Math.sqrt(
      (this.variances[slot]! * samples + this.pooledVariance * PRIOR_WEIGHT) /
        (samples + PRIOR_WEIGHT),
    );
    if (samples === 0) {
      this.means[slot] = value;
      this.samples[slot] = 1;
      return bandResult(value, 0, value, 0, this.threshold, true);
    }

    const floor = 1e-9 * Math.max(1, Math.abs(mean));
    const diff = value - mean;
    const score = scoreFromDeviations(Math.abs(diff) / Math.max(spread, floor));
    const warmingUp = samples < this.minSamples || this.warmingUp();
    const result = bandResult(
      value,
      score,
      mean,
      spread,
      this.threshold,
      warmingUp,
    );

    const alpha = Math.max(this.alpha, 1 / (samples + 1));
    const step = alpha * diff;
    this.means[slot] = mean + step;
    this.variances[slot] = (1 - alpha) * (this.variances[slot]! + diff * step);
    this.samples[slot] = samples + 1;
    const pooledAlpha = Math.max(this.alpha / this.means.length, 1 / this.seen);
    this.pooledVariance += pooledAlpha * (diff * diff - this.pooledVariance);
    return result;
  }

  private slotOf(timestamp: number): number {
    if (!Number.isFinite(timestamp)) {
      return -1;
    }
    const phase = ((timestamp % this.periodMs) + this.periodMs) % this.periodMs;
    return Math.floor((phase / this.periodMs) * this.means.length);
  }

  protected stateFields(): Record<string, unknown> {
    return {
      pooledVariance: this.pooledVariance,
      means: Array.from(this.means),
      variances: Array.from(this.variances),
      samples: Array.from(this.samples),
    };
  }
}
