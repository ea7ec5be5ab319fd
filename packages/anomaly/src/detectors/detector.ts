/** Outcome of scoring one point of a stream. */
export interface DetectorResult {
  /** Anomaly score in [0, 1]; 0 is normal, 1 is certainly anomalous. */
  score: number;
  /** Whether the score reached the detector's threshold. */
  anomalous: boolean;
  /** Value the baseline expected, or `NaN` while there is no baseline. */
  expected: number;
  /** Lower edge of the normal band, or `NaN` while there is no baseline. */
  lower: number;
  /** Upper edge of the normal band, or `NaN` while there is no baseline. */
  upper: number;
  /** Short reason for the verdict, such as `'above band'`. */
  reason: string;
}

/** Serialized state of a detector, accepted by its `restore` function. */
export interface DetectorState {
  /** Algorithm that wrote the state. */
  algorithm: string;
  /** Format version of the state. */
  version: 1;
  /** Points scored, invalid points and out-of-order timestamps. */
  counts: DetectorCounts;
  /** Algorithm-specific fields. */
  [field: string]: unknown;
}

/**
 * Counts of what a detector has seen, kept so that nothing is dropped silently.
 */
export interface DetectorCounts {
  /** Points scored, valid or not. */
  points: number;
  /** Points skipped because the value was NaN, infinite or out of range. */
  invalid: number;
  /** Points whose timestamp was earlier than the one before. */
  outOfOrder: number;
}

/** A streaming detector: scores `(timestamp, value)` points one at a time. */
export interface Detector {
  /** Algorithm name, as used in `AnomalyConfig`. */
  readonly algorithm: string;
  /**
   * Scores one point and then learns from it. Never throws: an invalid value
   * yields a zero score with the reason `'invalid value'`.
   */
  update(timestamp: number, value: number): DetectorResult;
  /** Counts of points seen, invalid points and out-of-order timestamps. */
  counts(): DetectorCounts;
  /** Serializes the learned state so that `restore` can resume it. */
  toJSON(): DetectorState;
}

/**
 * Largest magnitude a detector accepts; larger values are counted as invalid.
 */
export const MAX_VALUE = 1e150;

/** Builds the result of a point that could not be scored. */
export function invalidResult(reason: string): DetectorResult {
  return {
    score: 0,
    anomalous: false,
    expected: Number.NaN,
    lower: Number.NaN,
    upper: Number.NaN,
    reason,
  };
}

/** Returns whether a value is finite and within `MAX_VALUE`. */
export function isUsableValue(value: number): boolean {
  return typeof value === 'number' && value <= MAX_VALUE && value >= -MAX_VALUE;
}

/** Returns a fresh set of zero counts. */
export function zeroCounts(): DetectorCounts {
  return { points: 0, invalid: 0, outOfOrder: 0 };
}

/**
 * Maps a distance in standard deviations to a score in [0, 1):
 * 3 deviations give 0.5, 6 give 0.8 and 9 give 0.9.
 */
export function scoreFromDeviations(deviations: number): number {
  if (!(deviations > 0)) {
    return 0;
  }
  if (deviations === Number.POSITIVE_INFINITY) {
    return 1;
  }

  const squared = deviations * deviations;
  return squared / (squared + 9);
}

/** Reads a finite number from restored state, or returns the fallback. */
export function readNumber(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

/** Reads detector counts from restored state. */
export function readCounts(value: unknown): DetectorCounts {
  const counts = (value ?? {}) as Partial<DetectorCounts>;
  return {
    points: readNumber(counts.points, 0),
    invalid: readNumber(counts.invalid, 0),
    outOfOrder: readNumber(counts.outOfOrder, 0),
  };
}
