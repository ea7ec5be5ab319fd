import { describe, expect, test } from 'vitest';
import {
  AnomalyError,
  EnsembleDetector,
  EwmaDetector,
  restoreDetector,
} from '../../src/index.js';
import { anomalousAt, feed, noise, STEP_MS } from '../helpers/streams.js';

describe('EnsembleDetector', () => {
  test('stays quiet on noise', () => {
    const detector = new EnsembleDetector({ fireAfterMs: 2 * STEP_MS });
    expect(anomalousAt(feed(detector, noise(3000)))).toEqual([]);
  });

  test('fires on a step', () => {
    const values = [...noise(400), ...noise(100, 110, 1, 9)];
    const detector = new EnsembleDetector({ fireAfterMs: 2 * STEP_MS });
    const firing = anomalousAt(feed(detector, values));
    expect(firing[0]).toBeGreaterThanOrEqual(402);
    expect(firing[0]).toBeLessThan(410);
  });

  test('ignores a one-point spike', () => {
    const values = noise(400);
    values[300] = 150;
    const detector = new EnsembleDetector({ fireAfterMs: 2 * STEP_MS });
    expect(anomalousAt(feed(detector, values))).toEqual([]);
  });

  test('scores zero while warming up', () => {
    const values = [...noise(10), 1000];
    const results = feed(new EnsembleDetector({ warmUp: 30 }), values);
    expect(results[10]!.score).toBe(0);
  });

  test('clears after the cool-down', () => {
    const values = [...noise(300), 200, ...noise(300, 100, 1, 5)];
    const detector = new EnsembleDetector({ clearAfterMs: 5 * STEP_MS });
    const firing = anomalousAt(feed(detector, values));
    expect(firing.at(-1)).toBeLessThan(320);
  });

  test('round-trips custom detectors', () => {
    const detector = new EnsembleDetector({
      detectors: [new EwmaDetector({ warmUp: 0 })],
    });
    feed(detector, noise(100));
    const state = JSON.parse(JSON.stringify(detector.toJSON()));
    const copy = EnsembleDetector.restore(state, {
      detectors: [restoreDetector(state.detectors[0])],
    });
    expect(copy.update(0, 120).score).toBe(detector.update(0, 120).score);
  });

  test('rejects an empty detector list', () => {
    expect(() => new EnsembleDetector({ detectors: [] })).toThrow(AnomalyError);
  });
});
