import { describe, expect, test } from 'vitest';
import {
  binomialDeviations,
  ErrorRateDetector,
  wilsonInterval,
} from '../../src/index.js';

describe('ErrorRateDetector', () => {
  function warmed(): ErrorRateDetector {
    const detector = new ErrorRateDetector({ minSamples: 20 });
    for (let i = 0; i < 50; i += 1) {
      detector.updateCounts(i * 10_000, i % 2, 100);
    }
    return detector;
  }

  test('flags a jump in errors', () => {
    const result = warmed().updateCounts(500_000, 15, 100);
    expect(result.anomalous).toBe(true);
    expect(result.reason).toBe('error rate above baseline');
  });

  test('keeps firing on a lasting rise', () => {
    const detector = warmed();
    const results = Array.from({ length: 300 }, (_, i) =>
      detector.updateCounts(500_000 + i * 10_000, 20, 100),
    );
    expect(results.at(-1)!.anomalous).toBe(true);
  });

  test('accepts a new normal when configured', () => {
    const detector = new ErrorRateDetector({ acceptAfter: 30 });
    for (let i = 0; i < 50; i += 1) {
      detector.updateCounts(i * 10_000, i % 2, 100);
    }
    const results = Array.from({ length: 300 }, (_, i) =>
      detector.updateCounts(500_000 + i * 10_000, 20, 100),
    );
    expect(results[29]!.anomalous).toBe(true);
    expect(results.at(-1)!.anomalous).toBe(false);
  });

  test('ignores noise near the baseline', () => {
    const result = warmed().updateCounts(500_000, 2, 100);
    expect(result.anomalous).toBe(false);
  });

  test('waits for minimum samples', () => {
    const result = warmed().updateCounts(500_000, 5, 5);
    expect(result.anomalous).toBe(false);
    expect(result.reason).toBe('too few requests');
  });

  test('counts impossible counts', () => {
    const detector = warmed();
    detector.updateCounts(500_000, 7, 3);
    expect(detector.counts().invalid).toBe(1);
  });
});

describe('wilsonInterval', () => {
  test('matches a worked example', () => {
    // 10 of 100 at z = 1.96: centre 0.1176, margin 0.0594.
    const interval = wilsonInterval(10, 100, 1.96);
    expect(interval.lower).toBeCloseTo(0.0552, 4);
    expect(interval.upper).toBeCloseTo(0.1744, 4);
  });

  test('stays inside [0, 1]', () => {
    const interval = wilsonInterval(0, 10, 3);
    expect(interval.lower).toBeCloseTo(0, 12);
  });
});

describe('binomialDeviations', () => {
  test('matches the score test', () => {
    // (10 - 100 * 0.05) / sqrt(100 * 0.05 * 0.95) = 5 / 2.1794
    expect(binomialDeviations(10, 100, 0.05)).toBeCloseTo(2.2942, 4);
  });
});
