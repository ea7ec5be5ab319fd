import { describe, expect, test } from 'vitest';
import { SortedWindow } from '../../src/detectors/sorted-window.js';
import { seededRandom } from '../helpers/streams.js';

function bruteForce(values: number[]): { median: number; mad: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const median = sorted[sorted.length >> 1]!;
  const deviations = sorted
    .map((value) => Math.abs(value - median))
    .sort((a, b) => a - b);
  return { median, mad: deviations[deviations.length >> 1]! };
}

describe('SortedWindow', () => {
  test('matches a brute-force median and MAD', () => {
    const random = seededRandom(11);
    for (let round = 0; round < 300; round += 1) {
      const window = new SortedWindow(3 + (round % 40));
      const pushes = 1 + Math.floor(random() * 120);
      for (let i = 0; i < pushes; i += 1) {
        window.push(Math.round(random() * 20));
      }
      const expected = bruteForce(window.values());
      expect(window.median()).toBe(expected.median);
      expect(window.medianAbsoluteDeviation(window.median())).toBe(
        expected.mad,
      );
    }
  });

  test('keeps the newest values', () => {
    const window = new SortedWindow(3);
    for (const value of [5, 1, 4, 2, 3]) {
      window.push(value);
    }
    expect(window.values()).toEqual([4, 2, 3]);
  });

  test('reports NaN when empty', () => {
    expect(new SortedWindow(4).median()).toBeNaN();
  });
});
