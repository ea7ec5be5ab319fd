import { describe, expect, test } from 'vitest';
import { EwmaDetector } from '../../src/index.js';
import { anomalousAt, feed, noise } from '../helpers/streams.js';

describe('EwmaDetector', () => {
  test('flags a spike', () => {
    const values = noise(500);
    values[400] = 130;
    const results = feed(new EwmaDetector(), values);
    expect(results[400]!.anomalous).toBe(true);
    expect(results[400]!.reason).toBe('above band');
  });

  test('flags a step down', () => {
    const values = [...noise(300), ...noise(50, 80, 1, 3)];
    const results = feed(new EwmaDetector(), values);
    expect(results[300]!.anomalous).toBe(true);
    expect(results[300]!.reason).toBe('below band');
  });

  test('rarely fires on noise', () => {
    // At most one false alarm per 1,000 points of Gaussian noise.
    const results = feed(new EwmaDetector(), noise(3000));
    expect(anomalousAt(results).length).toBeLessThanOrEqual(3);
  });

  test('reports expected value and band', () => {
    const results = feed(new EwmaDetector(), noise(500));
    const last = results[499]!;
    expect(last.expected).toBeCloseTo(100, 0);
    expect(last.lower).toBeLessThan(last.expected);
    expect(last.upper).toBeGreaterThan(last.expected);
  });

  test('scores zero during warm-up', () => {
    const values = [...noise(10), 500];
    const results = feed(new EwmaDetector({ warmUp: 30 }), values);
    expect(results[10]!.score).toBe(0);
    expect(results[10]!.reason).toBe('warming up');
  });

  test('flags a change after a constant series', () => {
    const values = [...new Array(100).fill(5), 6];
    const results = feed(new EwmaDetector(), values);
    expect(results[99]!.score).toBe(0);
    expect(results[100]!.anomalous).toBe(true);
  });
});
