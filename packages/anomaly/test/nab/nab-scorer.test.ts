import { describe, expect, test } from 'vitest';
import {
  falsePositiveCost,
  NAB_PROFILES,
  type NabFile,
  normalizeRaw,
  probationRows,
  scaledSigmoid,
  scoreAtThreshold,
  sweepThreshold,
  windowCredit,
} from '../../src/index.js';

const [standard, lowFalsePositive, lowFalseNegative] = NAB_PROFILES;

/**
 * 100 rows, so probation is floor(0.15 * 100) = 15 rows, and one window
 * over rows 40..49 (width 10).
 */
function file(detections: Record<number, number>): NabFile {
  const scores = new Array<number>(100).fill(0);
  for (const [row, score] of Object.entries(detections)) {
    scores[Number(row)] = score;
  }
  return { name: 'hand-made.csv', scores, windows: [[40, 49]] };
}

describe('NAB scoring parts', () => {
  test('sigmoid matches its anchors', () => {
    expect(scaledSigmoid(0)).toBe(0);
    expect(scaledSigmoid(-1)).toBeCloseTo(0.98661, 5);
    expect(scaledSigmoid(1)).toBeCloseTo(-0.98661, 5);
  });

  test('probation is 15% up to 750 rows', () => {
    expect(probationRows(100)).toBe(15);
    expect(probationRows(10_000)).toBe(750);
  });

  test('credits a first-row detection fully', () => {
    expect(windowCredit(40, 40, 49)).toBe(1);
  });

  test('credits a mid-window detection', () => {
    // x = -(49 - 45 + 1) / 10 = -0.5; g(-0.5) / g(-1) = 0.84828 / 0.98661
    expect(windowCredit(45, 40, 49)).toBeCloseTo(0.85979, 5);
  });

  test('charges an alarm right after a window little', () => {
    // y = (50 - 49) / (10 - 1) = 1/9; g(1/9) = -0.27085
    expect(falsePositiveCost(50, [40, 49])).toBeCloseTo(-0.27085, 5);
  });

  test('charges a distant alarm fully', () => {
    // y = (90 - 49) / 9 = 4.56 > 3
    expect(falsePositiveCost(90, [40, 49])).toBe(-1);
  });

  test('charges an alarm before any window fully', () => {
    expect(falsePositiveCost(20, undefined)).toBe(-1);
  });
});

describe('scoreAtThreshold', () => {
  test('scores a perfect detection 100', () => {
    const score = scoreAtThreshold([file({ 40: 1 })], 0.5, standard!);
    expect(score.raw).toBe(1);
    expect(score.normalized).toBe(100);
  });

  test('scores no detection 0', () => {
    const score = scoreAtThreshold([file({})], 0.5, standard!);
    expect(score.raw).toBe(-1);
    expect(score.normalized).toBe(0);
  });

  test('counts one detection per window', () => {
    const score = scoreAtThreshold(
      [file({ 40: 1, 41: 1, 45: 1 })],
      0.5,
      standard!,
    );
    expect(score.raw).toBe(1);
    expect(score.truePositives).toBe(1);
  });

  test('ignores the probation period', () => {
    const score = scoreAtThreshold([file({ 5: 1 })], 0.5, standard!);
    expect(score.raw).toBe(-1);
    expect(score.falsePositives).toBe(0);
  });

  test('adds false positive costs', () => {
    // 1 (row 40) - 0.11 (row 20) + 0.11 * g(1/9) (row 50) - 0.11 (row 90)
    const score = scoreAtThreshold(
      [file({ 20: 1, 40: 1, 50: 1, 90: 1 })],
      0.5,
      standard!,
    );
    expect(score.raw).toBeCloseTo(1 - 0.11 - 0.0297932 - 0.11, 6);
    expect(score.falsePositives).toBe(3);
  });

  test('weights false positives by profile', () => {
    const score = scoreAtThreshold(
      [file({ 20: 1, 40: 1 })],
      0.5,
      lowFalsePositive!,
    );
    expect(score.raw).toBeCloseTo(0.78, 10);
  });

  test('normalizes the low FN profile', () => {
    // null = -2, perfect = 1; raw 0.85979 -> 100 * 2.85979 / 3
    const score = scoreAtThreshold([file({ 45: 1 })], 0.5, lowFalseNegative!);
    expect(score.normalized).toBeCloseTo(95.326, 3);
  });

  test('treats NaN scores as silent', () => {
    const silent: NabFile = {
      ...file({}),
      scores: new Array<number>(100).fill(Number.NaN),
    };
    const score = scoreAtThreshold([silent], 0, standard!);
    expect(score.truePositives).toBe(0);
    expect(score.falsePositives).toBe(0);
  });
});

describe('sweepThreshold', () => {
  test('finds the best threshold', () => {
    // At 0.9 only row 42 fires: credit g(-0.8) / g(-1) = 0.97711.
    // At 0.8 row 20 adds -0.11; at 0.7 row 40 lifts the credit to 1.
    const files = [file({ 20: 0.8, 40: 0.7, 42: 0.9 })];
    const best = sweepThreshold(files, standard!);
    expect(best.threshold).toBe(0.9);
    expect(best.raw).toBeCloseTo(0.97711, 5);
  });

  test('prefers silence to costly alarms', () => {
    const files = [file({ 20: 0.9, 25: 0.9, 30: 0.9 }), file({})];
    const best = sweepThreshold(files, standard!);
    expect(best.threshold).toBe(Number.POSITIVE_INFINITY);
    expect(best.normalized).toBe(0);
  });

  test('agrees with the fixed-threshold scorer', () => {
    const files = [
      file({ 20: 0.3, 44: 0.6, 47: 0.8, 60: 0.5, 95: 0.6 }),
      file({ 41: 0.4, 52: 0.9 }),
    ];
    const best = sweepThreshold(files, standard!);
    const fixed = scoreAtThreshold(files, best.threshold, standard!);
    expect(best.raw).toBeCloseTo(fixed.raw, 12);
  });

  test('normalizes raw scores', () => {
    expect(normalizeRaw(0, 4, standard!)).toBe(50);
  });
});
