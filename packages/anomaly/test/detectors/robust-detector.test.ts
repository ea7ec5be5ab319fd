import { describe, expect, test } from 'vitest';
import { RobustDetector } from '../../src/index.js';
import { anomalousAt, feed, noise } from '../helpers/streams.js';

describe('RobustDetector', () => {
  test('flags a spike', () => {
    const values = noise(300);
    values[200] = 120;
    const results = feed(new RobustDetector(), values);
    expect(results[200]!.anomalous).toBe(true);
  });

  test('keeps its band after an outlier', () => {
    const values = noise(300);
    values[200] = 10_000;
    const results = feed(new RobustDetector(), values);
    const widthBefore = results[199]!.upper - results[199]!.lower;
    const widthAfter = results[201]!.upper - results[201]!.lower;
    expect(widthAfter / widthBefore).toBeGreaterThan(0.8);
    expect(widthAfter / widthBefore).toBeLessThan(1.25);
  });

  test('rarely fires on noise', () => {
    // At most one false alarm per 1,000 points of Gaussian noise.
    const results = feed(new RobustDetector(), noise(3000));
    expect(anomalousAt(results).length).toBeLessThanOrEqual(3);
  });

  test('uses the window median', () => {
    const results = feed(new RobustDetector({ window: 5 }), [1, 2, 3, 4, 5, 6]);
    expect(results[5]!.expected).toBe(3);
  });
});
