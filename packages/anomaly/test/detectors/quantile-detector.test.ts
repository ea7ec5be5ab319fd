import { describe, expect, test } from 'vitest';
import { normalQuantile, QuantileDetector } from '../../src/index.js';
import { anomalousAt, feed, noise } from '../helpers/streams.js';

describe('QuantileDetector', () => {
  test('flags a spike', () => {
    const values = noise(1000);
    values[900] = 115;
    const results = feed(new QuantileDetector(), values);
    expect(results[900]!.anomalous).toBe(true);
  });

  test('rarely fires on noise', () => {
    // At most one false alarm per 1,000 points of Gaussian noise.
    const results = feed(new QuantileDetector(), noise(3000));
    expect(anomalousAt(results).length).toBeLessThanOrEqual(3);
  });

  test('centres on the median', () => {
    const results = feed(new QuantileDetector(), noise(2000, 50, 2));
    expect(results[1999]!.expected).toBeCloseTo(50, 0);
  });
});

describe('normalQuantile', () => {
  test('matches known values', () => {
    expect(normalQuantile(0.5)).toBeCloseTo(0, 8);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232, 5);
  });
});
