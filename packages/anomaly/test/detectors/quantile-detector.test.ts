import { describe, expect, test } from 'vitest';
import {
  normalQuantile,
  QuantileDetector,
  restoreDetector,
} from '../../src/index.js';
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

  const shifted = () => [...noise(5000), ...noise(2000, 110, 1, 11)];

  test('follows a lasting level shift', () => {
    const results = feed(new QuantileDetector(), shifted());
    expect(results[5300]!.expected).toBeCloseTo(110, 0);
  });

  test('keeps the band after a shift', () => {
    const results = feed(new QuantileDetector(), shifted());
    expect(results[6999]!.upper - results[6999]!.expected).toBeLessThan(6);
  });

  test('flags a spike after a shift', () => {
    const values = shifted();
    values[6900] = 117;
    const results = feed(new QuantileDetector(), values);
    expect(results[6900]!.anomalous).toBe(true);
  });

  test('keeps its level after a burst', () => {
    const values = noise(2000);
    values.fill(115, 1500, 1520);
    const results = feed(new QuantileDetector(), values);
    expect(results[1999]!.expected).toBeCloseTo(100, 0);
  });

  test('round-trips a shift in progress', () => {
    const values = shifted();
    const detector = new QuantileDetector();
    feed(detector, values.slice(0, 5060));
    const copy = restoreDetector(JSON.parse(JSON.stringify(detector.toJSON())));
    const rest = values.slice(5060);
    expect(feed(copy, rest, 5060)).toEqual(feed(detector, rest, 5060));
  });

  test('stays put when rebasing is off', () => {
    const detector = new QuantileDetector({ rebaseAfter: 0 });
    const results = feed(detector, shifted());
    expect(results[6999]!.expected).toBeLessThan(105);
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
