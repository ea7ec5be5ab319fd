/** Weights of one NAB application profile. */
export interface NabProfile {
  /** Profile name as NAB spells it. */
  name: string;
  /**
   * Weight of a true positive (credit of a detection on a window's first row).
   */
  truePositive: number;
  /** Weight of a false positive (cost of a detection far from every window). */
  falsePositive: number;
  /** Weight of a false negative (cost of a window without detection). */
  falseNegative: number;
}

/** NAB's three application profiles. */
export const NAB_PROFILES: readonly NabProfile[] = [
  { name: 'standard', truePositive: 1, falsePositive: 0.11, falseNegative: 1 },
  {
    name: 'reward_low_FP_rate',
    truePositive: 1,
    falsePositive: 0.22,
    falseNegative: 1,
  },
  {
    name: 'reward_low_FN_rate',
    truePositive: 1,
    falsePositive: 0.11,
    falseNegative: 2,
  },
];

/** Scaled sigmoid of NAB: about +0.987 at -1, 0 at 0 and -0.987 at +1. */
export function scaledSigmoid(x: number): number {
  return 2 / (1 + Math.exp(5 * x)) - 1;
}

/** Rows of a file's probation period: `min(floor(0.15 * rows), 750)`. */
export function probationRows(rows: number): number {
  return Math.min(Math.floor(0.15 * rows), 750);
}
