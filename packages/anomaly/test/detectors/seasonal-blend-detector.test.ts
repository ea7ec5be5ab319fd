import { describe, expect, test } from 'vitest';
import {
  type Detector,
  QuantileDetector,
  SeasonalBlendDetector,
} from '../../src/index.js';
import { noise, START_MS, seededNormal } from '../helpers/streams.js';

const STEP_MS = 5 * 60_000;
const POINTS_PER_DAY = 288;

/** Six days of a clean daily cycle, one point per 5 minutes. */
function dailyCycle(): number[] {
  const normal = seededNormal(8);
  return Array.from({ length: 6 * POINTS_PER_DAY }, (_, i) => {
    const phase = (i % POINTS_PER_DAY) / POINTS_PER_DAY;
    return 100 + 50 * Math.sin(2 * Math.PI * phase) + 0.5 * normal();
  });
}

function scoreAt(detector: Detector, values: number[], index: number): number {
  let score = 0;
  values.forEach((value, i) => {
    const result = detector.update(START_MS + i * STEP_MS, value);
    if (i === index) {
      score = result.score;
    }
  });
  return score;
}

describe('SeasonalBlendDetector', () => {
  // Day 6 at 6:00, the daily peak (150), reads 100, an ordinary value overall.
  const index = 5 * POINTS_PER_DAY + 72;
  const values = dailyCycle();
  values[index] = 100;

  test('flags a value wrong for its hour', () => {
    expect(scoreAt(new SeasonalBlendDetector(), values, index)).toBeGreaterThan(
      0.5,
    );
  });

  test('sees what quantiles alone miss', () => {
    expect(scoreAt(new QuantileDetector(), values, index)).toBeLessThan(0.2);
  });

  test('ignores the profile without a cycle', () => {
    const flat = noise(6 * POINTS_PER_DAY, 100, 5);
    const blended = scoreAt(new SeasonalBlendDetector(), flat, 1700);
    const base = scoreAt(new QuantileDetector(), flat, 1700);
    expect(blended).toBe(base);
  });
});
