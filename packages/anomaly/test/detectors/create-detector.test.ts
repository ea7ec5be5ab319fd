import { describe, expect, test } from 'vitest';
import {
  AnomalyError,
  createDetector,
  DETECTOR_NAMES,
  restoreDetector,
} from '../../src/index.js';
import { feed, noise, START_MS, STEP_MS } from '../helpers/streams.js';

describe.each(DETECTOR_NAMES)('%s detector', (name) => {
  const history = noise(400, 100, 3, 21);
  const future = noise(100, 100, 3, 22);
  future[50] = 400;

  test('round-trips its state', () => {
    const detector = createDetector(name);
    feed(detector, history);
    const copy = restoreDetector(JSON.parse(JSON.stringify(detector.toJSON())));
    const original = feed(detector, future, 400);
    const restored = feed(copy, future, 400);
    expect(restored).toEqual(original);
  });

  test('skips invalid values', () => {
    const detector = createDetector(name);
    feed(detector, history);
    const results = feed(
      detector,
      [Number.NaN, Number.POSITIVE_INFINITY, 1e200],
      400,
    );
    expect(results.map((result) => result.reason)).toEqual([
      'invalid value',
      'invalid value',
      'invalid value',
    ]);
    expect(detector.counts().invalid).toBe(3);
  });

  test('keeps scores within [0, 1]', () => {
    const detector = createDetector(name);
    const wild = [...history, 1e120, -1e120, 0, 0, 0, 5e-300, ...future];
    const scores = feed(detector, wild).map((result) => result.score);
    expect(scores.every((score) => score >= 0 && score <= 1)).toBe(true);
  });

  test('counts out-of-order timestamps', () => {
    const detector = createDetector(name);
    detector.update(START_MS + 10 * STEP_MS, 1);
    detector.update(START_MS, 1);
    detector.update(START_MS + 10 * STEP_MS, 1);
    expect(detector.counts().outOfOrder).toBe(1);
  });
});

describe('createDetector', () => {
  test('rejects an unknown name', () => {
    expect(() => createDetector('magic')).toThrow(AnomalyError);
  });

  test('names the known detectors', () => {
    expect(() => createDetector('magic')).toThrow(
      /use one of suppressed-quantile/,
    );
  });
});

describe('restoreDetector', () => {
  test('rejects a foreign state', () => {
    const state = createDetector('ewma').toJSON();
    expect(() =>
      restoreDetector({ ...state, algorithm: 'cusum', version: 2 as 1 }),
    ).toThrow(expect.objectContaining({ code: 'ANOMALY_INVALID_STATE' }));
  });
});
