import { describe, expect, test } from 'vitest';
import { CusumDetector, EwmaDetector } from '../../src/index.js';
import { anomalousAt, feed, noise } from '../helpers/streams.js';

describe('CusumDetector', () => {
  const shifted = [...noise(600, 100, 1, 1), ...noise(200, 101.5, 1, 2)];

  test('flags a small level shift', () => {
    const firing = anomalousAt(feed(new CusumDetector(), shifted));
    expect(firing.some((i) => i >= 600 && i < 640)).toBe(true);
  });

  test('sees what a z-score misses', () => {
    const firing = anomalousAt(feed(new EwmaDetector(), shifted));
    expect(firing.filter((i) => i >= 600)).toEqual([]);
  });

  test('names the direction', () => {
    const results = feed(new CusumDetector(), shifted);
    const first = results.find((result, i) => i >= 600 && result.anomalous);
    expect(first?.reason).toBe('level up');
  });

  test('rarely fires on noise', () => {
    // At most one false alarm per 1,000 points of Gaussian noise.
    const results = feed(new CusumDetector(), noise(3000));
    expect(anomalousAt(results).length).toBeLessThanOrEqual(3);
  });
});
