import { describe, expect, test } from 'vitest';
import { StalenessDetector } from '../../src/index.js';
import { feed, noise, START_MS, STEP_MS } from '../helpers/streams.js';

describe('StalenessDetector', () => {
  test('flags a frozen gauge', () => {
    const values = [...noise(50), ...new Array(30).fill(42)];
    const last = feed(new StalenessDetector({ frozenPoints: 30 }), values).at(
      -1,
    )!;
    expect(last.anomalous).toBe(true);
    expect(last.reason).toBe('frozen gauge');
  });

  test('accepts a gauge constant from the start', () => {
    const values = new Array(100).fill(8);
    const last = feed(new StalenessDetector({ frozenPoints: 30 }), values).at(
      -1,
    )!;
    expect(last.anomalous).toBe(false);
  });

  test('reports silence as no data', () => {
    const detector = new StalenessDetector({ noDataMs: 5 * STEP_MS });
    feed(detector, noise(10));
    const result = detector.checkSilence(START_MS + 20 * STEP_MS);
    expect(result.reason).toBe('no data');
  });

  test('accepts a recent sample', () => {
    const detector = new StalenessDetector({ noDataMs: 5 * STEP_MS });
    feed(detector, noise(10));
    expect(detector.checkSilence(START_MS + 11 * STEP_MS).anomalous).toBe(
      false,
    );
  });
});
