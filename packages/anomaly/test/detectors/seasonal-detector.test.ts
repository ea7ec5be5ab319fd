import { describe, expect, test } from 'vitest';
import { SeasonalDetector } from '../../src/index.js';
import { anomalousAt, START_MS, seededNormal } from '../helpers/streams.js';

const DAY_MS = 86_400_000;
const STEP_MS = 30 * 60_000;

/** Ten days of a daily cycle, one point per 30 minutes. */
function dailyCycle(): number[] {
  const normal = seededNormal(4);
  return Array.from({ length: 480 }, (_, i) => {
    const phase = ((i * STEP_MS) % DAY_MS) / DAY_MS;
    return 100 + 50 * Math.sin(2 * Math.PI * phase) + normal();
  });
}

function run(values: number[]) {
  const detector = new SeasonalDetector({ slots: 48 });
  return values.map((value, i) =>
    detector.update(START_MS + i * STEP_MS, value),
  );
}

describe('SeasonalDetector', () => {
  test('stays quiet on the cycle', () => {
    expect(anomalousAt(run(dailyCycle()))).toEqual([]);
  });

  test('flags a value wrong for its hour', () => {
    const values = dailyCycle();
    // Day 8 at 6:00, the daily peak (150), reads like the night (50).
    const index = 7 * 48 + 12;
    values[index] = 100;
    const results = run(values);
    expect(results[index]!.anomalous).toBe(true);
  });

  test('learns each slot separately', () => {
    const results = run(dailyCycle());
    const peak = results[9 * 48 + 12]!;
    const trough = results[9 * 48 + 36]!;
    expect(peak.expected).toBeCloseTo(150, -1);
    expect(trough.expected).toBeCloseTo(50, -1);
  });
});
