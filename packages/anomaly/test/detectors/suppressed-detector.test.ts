import { describe, expect, test } from 'vitest';
import { SuppressedDetector } from '../../src/index.js';
import { feed, noise } from '../helpers/streams.js';

describe('SuppressedDetector', () => {
  const values = noise(1000);
  values[500] = 130;
  values[510] = 128;
  values[900] = 130;

  test('reports the first spike', () => {
    const results = feed(new SuppressedDetector(), values);
    expect(results[500]!.score).toBeGreaterThan(0.7);
  });

  test('suppresses a close repeat', () => {
    const results = feed(new SuppressedDetector(), values);
    expect(results[510]!.score).toBe(0);
    expect(results[510]!.reason).toBe('suppressed repeat');
  });

  test('reports a later spike', () => {
    const results = feed(new SuppressedDetector(), values);
    expect(results[900]!.score).toBeGreaterThan(0.7);
  });
});
