import { AnomalyError } from '../errors.js';
import {
  type Detector,
  type DetectorCounts,
  type DetectorResult,
  type DetectorState,
  invalidResult,
  isUsableValue,
  readCounts,
  readNumber,
  zeroCounts,
} from './detector.js';

/** Options that every built-in detector accepts. */
export interface StreamDetectorOptions {
  /** Score at or above which a point is anomalous, in [0, 1]. @default 0.7 */
  threshold?: number;
  /**
   * Valid points the detector learns from before it may score above 0. @default
   * 30
   */
  warmUp?: number;
}

/**
 * Shared bookkeeping of the built-in detectors: rejects invalid values,
 * counts out-of-order timestamps and tracks warm-up, so each algorithm only
 * implements `scoreValue`.
 */
export abstract class StreamDetector implements Detector {
  abstract readonly algorithm: string;
  protected readonly threshold: number;
  protected readonly warmUp: number;
  protected pointCounts: DetectorCounts = zeroCounts();
  protected seen = 0;
  protected lastTimestamp = Number.NEGATIVE_INFINITY;

  constructor(options: StreamDetectorOptions = {}) {
    this.threshold = options.threshold ?? 0.7;
    this.warmUp = options.warmUp ?? 30;
  }

  update(timestamp: number, value: number): DetectorResult {
    this.pointCounts.points += 1;
    if (!isUsableValue(value)) {
      this.pointCounts.invalid += 1;
      return invalidResult('invalid value');
    }

    if (timestamp < this.lastTimestamp) {
      this.pointCounts.outOfOrder += 1;
    } else if (!Number.isNaN(timestamp)) {
      this.lastTimestamp = timestamp;
    }

    const result = this.scoreValue(timestamp, value);
    this.seen += 1;
    return result;
  }

  counts(): DetectorCounts {
    return { ...this.pointCounts };
  }

  toJSON(): DetectorState {
    return {
      algorithm: this.algorithm,
      version: 1,
      counts: this.counts(),
      seen: this.seen,
      lastTimestamp: Number.isFinite(this.lastTimestamp)
        ? this.lastTimestamp
        : null,
      ...this.stateFields(),
    };
  }

  /** Loads the shared fields of a serialized state into this detector. */
  protected restoreShared(state: DetectorState): void {
    this.pointCounts = readCounts(state.counts);
    this.seen = readNumber(state.seen, 0);
    this.lastTimestamp = readNumber(
      state.lastTimestamp,
      Number.NEGATIVE_INFINITY,
    );
  }

  /** Returns whether the detector is still learning its baseline. */
  protected warmingUp(): boolean {
    return this.seen < this.warmUp;
  }

  /** Scores a valid value against the baseline, then learns from it. */
  protected abstract scoreValue(
    timestamp: number,
    value: number,
  ): DetectorResult;

  /** Algorithm-specific fields of the serialized state. */
  protected abstract stateFields(): Record<string, unknown>;
}

/**
 * Builds the result of a value compared with a band around `expected`,
 * where `spread` is one standard deviation (or its robust equivalent).
 */
export function bandResult(
  value: number,
  score: number,
  expected: number,
  spread: number,
  threshold: number,
  warmingUp: boolean,
): DetectorResult {
  const width = deviationsAtScore(threshold) * spread;
  const anomalous = !warmingUp && score >= threshold;
  let reason = 'within band';
  if (warmingUp) {
    reason = 'warming up';
  } else if (anomalous) {
    reason = value > expected ? 'above band' : 'below band';
  }

  return {
    score: warmingUp ? 0 : score,
    anomalous,
    expected,
    lower: expected - width,
    upper: expected + width,
    reason,
  };
}

/**
 * Clips a deviation from the expected value to the edges of the normal band
 * (a Huber-style update), so that anomalous points teach the baseline only
 * as much as a point on the edge would. Unclipped while the band is empty.
 */
export function clipToBand(diff: number, result: DetectorResult): number {
  const above = result.upper - result.expected;
  const below = result.expected - result.lower;
  if (!(above > 0) || !(below > 0)) {
    return diff;
  }
  return Math.max(-below, Math.min(above, diff));
}

/** Inverts `scoreFromDeviations`: the deviations that give `score`. */
export function deviationsAtScore(score: number): number {
  if (score >= 1) {
    return Number.POSITIVE_INFINITY;
  }
  return 3 * Math.sqrt(Math.max(score, 0) / (1 - score));
}

/** Raises the restore error of a state written by another algorithm. */
export function checkAlgorithm(state: DetectorState, algorithm: string): void {
  if (state?.algorithm !== algorithm || state.version !== 1) {
    throw new AnomalyError(
      'ANOMALY_INVALID_STATE',
      `cannot restore a '${String(state?.algorithm)}' state into a '${algorithm}' detector: pass a state that its toJSON() wrote`,
    );
  }
}
