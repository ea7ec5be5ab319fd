import type { Detector, DetectorResult } from '../../src/index.js';

/**
 * Seeded uniform random numbers in [0, 1) (mulberry32), so tests repeat
 * exactly.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Seeded standard normal numbers (Box-Muller). */
export function seededNormal(seed: number): () => number {
  const uniform = seededRandom(seed);
  return () => {
    const u = Math.max(uniform(), 1e-12);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * uniform());
  };
}

/** `length` points of `mean + sd * N(0, 1)` noise. */
export function noise(length: number, mean = 100, sd = 1, seed = 7): number[] {
  const normal = seededNormal(seed);
  return Array.from({ length }, () => mean + sd * normal());
}

/** One minute between points, starting at 2024-01-01 UTC. */
export const START_MS = Date.UTC(2024, 0, 1);
export const STEP_MS = 60_000;

/** Feeds values one minute apart and returns every result. */
export function feed(
  detector: Detector,
  values: number[],
  firstIndex = 0,
): DetectorResult[] {
  return values.map((value, i) =>
    detector.update(START_MS + (firstIndex + i) * STEP_MS, value),
  );
}

/** Indexes of the anomalous results. */
export function anomalousAt(results: DetectorResult[]): number[] {
  return results.flatMap((result, i) => (result.anomalous ? [i] : []));
}
