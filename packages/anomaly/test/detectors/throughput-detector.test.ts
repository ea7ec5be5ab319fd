import { describe, expect, test } from 'vitest';
import { ThroughputDetector } from '../../src/index.js';
import { feed, seededRandom } from '../helpers/streams.js';

/** Poisson counts with mean `mean` (Knuth's method). */
function poisson(length: number, mean: number, seed: number): number[] {
  const random = seededRandom(seed);
  const limit = Math.exp(-mean);
  return Array.from({ length }, () => {
    let count = -1;
    let product = 1;
    do {
      count += 1;
      product *= random();
    } while (product > limit);
    return count;
  });
}

describe('ThroughputDetector', () => {
  test('flags a drop', () => {
    const counts = [...poisson(100, 50, 1), 10];
    const last = feed(new ThroughputDetector(), counts).at(-1)!;
    expect(last.anomalous).toBe(true);
    expect(last.reason).toBe('throughput drop');
  });

  test('flags a surge', () => {
    const counts = [...poisson(100, 50, 2), 110];
    const last = feed(new ThroughputDetector(), counts).at(-1)!;
    expect(last.reason).toBe('throughput surge');
  });

  test('accepts Poisson noise', () => {
    const results = feed(new ThroughputDetector(), poisson(500, 50, 3));
    expect(results.filter((result) => result.anomalous)).toEqual([]);
  });

  test('keeps the band above zero', () => {
    const results = feed(new ThroughputDetector(), poisson(100, 2, 4));
    expect(results.at(-1)!.lower).toBeGreaterThanOrEqual(0);
  });
});
