import {
  type NabProfile,
  probationRows,
  scaledSigmoid,
} from './nab-profiles.js';

/** One scored file: its per-row anomaly scores and its labelled windows. */
export interface NabFile {
  /** File name, for reports. */
  name: string;
  /** Anomaly score of each row, in stream order. */
  scores: ArrayLike<number>;
  /** Anomaly windows as inclusive `[first row, last row]` pairs, in order. */
  windows: ReadonlyArray<readonly [number, number]>;
}

/** Raw score of a corpus at one threshold, with its parts. */
export interface NabScore {
  /** Sum of window credits, missed-window costs and false-positive costs. */
  raw: number;
  /** Windows with at least one detection. */
  truePositives: number;
  /** Windows without a detection. */
  falseNegatives: number;
  /** Detections outside every window, after probation. */
  falsePositives: number;
  /** Score normalized against the null (0) and perfect (100) detectors. */
  normalized: number;
}

/** Best threshold of one profile and the score it earns. */
export interface NabSweepResult extends NabScore {
  /** Lowest score that counts as a detection. */
  threshold: number;
}

const SIGMOID_AT_START = scaledSigmoid(-1);

/**
 * Credit, per unit of true-positive weight, of a detection at `row` in the
 * window `[first, last]`: 1 on the first row, near 0 on the last.
 */
export function windowCredit(row: number, first: number, last: number): number {
  const width = last - first + 1;
  return scaledSigmoid(-(last - row + 1) / width) / SIGMOID_AT_START;
}

/**
 * Cost, per unit of false-positive weight (so negative), of a detection at
 * `row` outside every window: -1 before the first window, and after a
 * window `[first, last]` a sigmoid of the distance in window widths.
 */
export function falsePositiveCost(
  row: number,
  previous: readonly [number, number] | undefined,
): number {
  if (previous === undefined) {
    return -1;
  }
  const width = previous[1] - previous[0] + 1;
  const distance = (row - previous[1]) / (width - 1);
  if (!(distance <= 3)) {
    return -1;
  }
  return scaledSigmoid(distance);
}

/** Normalizes a raw score: 0 for the null detector, 100 for the perfect one. */
export function normalizeRaw(
  raw: number,
  windows: number,
  profile: NabProfile,
): number {
  const nullRaw = -profile.falseNegative * windows;
  const perfectRaw = profile.truePositive * windows;
  if (perfectRaw === nullRaw) {
    return 0;
  }
  return (100 * (raw - nullRaw)) / (perfectRaw - nullRaw);
}

/**
 * Row classes a scorer needs: a window index, or -1 with a false-positive cost.
 */
interface RowPlan {
  window: Int32Array;
  value: Float64Array;
  windowCount: number;
}

/**
 * Precomputes, for each scored row of a file, its window or its false-positive
 * cost.
 */
function planFile(
  file: NabFile,
  firstWindow: number,
): RowPlan & { rows: Uint32Array } {
  const rows = file.scores.length;
  const start = probationRows(rows);
  const count = Math.max(0, rows - start);
  const plan = {
    rows: new Uint32Array(count),
    window: new Int32Array(count),
    value: new Float64Array(count),
    windowCount: file.windows.length,
  };

  let next = 0;
  for (let i = 0; i < count; i += 1) {
    const row = start + i;
    while (next < file.windows.length && file.windows[next]![1] < row) {
      next += 1;
    }
    const window = file.windows[next];
    plan.rows[i] = row;
    if (window !== undefined && window[0] <= row) {
      plan.window[i] = firstWindow + next;
      plan.value[i] = windowCredit(row, window[0], window[1]);
    } else {
      plan.window[i] = -1;
      plan.value[i] = falsePositiveCost(row, file.windows[next - 1]);
    }
  }
  return plan;
}

/**
 * Scores a corpus at a fixed threshold: a row is a detection when its score is
 * at least `threshold`.
 */
export function scoreAtThreshold(
  files: readonly NabFile[],
  threshold: number,
  profile: NabProfile,
): NabScore {
  let raw = 0;
  let windows = 0;
  let truePositives = 0;
  let falsePositives = 0;
  for (const file of files) {
    const plan = planFile(file, 0);
    const best = new Float64Array(file.windows.length).fill(Number.NaN);
    for (let i = 0; i < plan.rows.length; i += 1) {
      if (!(file.scores[plan.rows[i]!]! >= threshold)) {
        continue;
      }
      const window = plan.window[i]!;
      if (window < 0) {
        raw += profile.falsePositive * plan.value[i]!;
        falsePositives += 1;
      } else if (Number.isNaN(best[window]!)) {
        best[window] = plan.value[i]!;
      }
    }
    for (const credit of best) {
      if (Number.isNaN(credit)) {
        raw -= profile.falseNegative;
      } else {
        raw += profile.truePositive * credit;
        truePositives += 1;
      }
    }
    windows += file.windows.length;
  }

  return {
    raw,
    truePositives,
    falseNegatives: windows - truePositives,
    falsePositives,
    normalized: normalizeRaw(raw, windows, profile),
  };
}

/**
 * Finds the threshold that maximizes the corpus raw score, trying every
 * distinct score (and "never detect"), in O(n log n) for n scored rows.
 */
export function sweepThreshold(
  files: readonly NabFile[],
  profile: NabProfile,
): NabSweepResult {
  const plans: RowPlan[] = [];
  const scores: number[] = [];
  let windows = 0;
  for (const file of files) {
    const plan = planFile(file, windows);
    plans.push(plan);
    for (const row of plan.rows) {
      scores.push(file.scores[row]!);
    }
    windows += file.windows.length;
  }
  const window = concatInt(plans.map((plan) => plan.window));
  const value = concatFloat(plans.map((plan) => plan.value));
  const order = Array.from(scores.keys()).filter(
    (i) => !Number.isNaN(scores[i]!),
  );
  order.sort((a, b) => scores[b]! - scores[a]!);

  const best = new Float64Array(windows).fill(Number.NaN);
  let raw = -profile.falseNegative * windows;
  let truePositives = 0;
  let falsePositives = 0;
  let result: NabSweepResult = {
    raw,
    threshold: Number.POSITIVE_INFINITY,
    truePositives: 0,
    falseNegatives: windows,
    falsePositives: 0,
    normalized: normalizeRaw(raw, windows, profile),
  };

  for (let k = 0; k < order.length; k += 1) {
    const i = order[k]!;
    const w = window[i]!;
    if (w < 0) {
      raw += profile.falsePositive * value[i]!;
      falsePositives += 1;
    } else if (Number.isNaN(best[w]!)) {
      best[w] = value[i]!;
      raw += profile.truePositive * value[i]! + profile.falseNegative;
      truePositives += 1;
    } else if (value[i]! > best[w]!) {
      raw += profile.truePositive * (value[i]! - best[w]!);
      best[w] = value[i]!;
    }

    const next = order[k + 1];
    const tieContinues = next !== undefined && scores[next] === scores[i];
    if (!tieContinues && raw > result.raw) {
      result = {
        raw,
        threshold: scores[i]!,
        truePositives,
        falseNegatives: windows - truePositives,
        falsePositives,
        normalized: normalizeRaw(raw, windows, profile),
      };
    }
  }
  return result;
}

function concatInt(parts: Int32Array[]): Int32Array {
  const out = new Int32Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

function concatFloat(parts: Float64Array[]): Float64Array {
  const out = new Float64Array(
    parts.reduce((sum, part) => sum + part.length, 0),
  );
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
