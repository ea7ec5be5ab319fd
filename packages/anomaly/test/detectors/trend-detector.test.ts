import { describe, expect, test } from 'vitest';
import { TrendDetector } from '../../src/index.js';
import { feed, noise } from '../helpers/streams.js';

describe('TrendDetector', () => {
  // Memory grows 1 MB per minute towards a 1,000 MB capacity.
  const ramp = noise(200, 0, 0.5).map((jitter, i) => 500 + i + jitter);

  test('estimates time to exhaustion', () => {
    const detector = new TrendDetector({ capacity: 1000 });
    const last = feed(detector, ramp).at(-1)!;
    const minutesLeft = (1000 - 699) / 1;
    expect(last.score).toBeGreaterThan(0);
    const result = detector.update(Date.UTC(2024, 0, 1) + 200 * 60_000, 700);
    expect(result.timeToExhaustionMs / 60_000).toBeGreaterThan(
      minutesLeft * 0.8,
    );
    expect(result.timeToExhaustionMs / 60_000).toBeLessThan(minutesLeft * 1.25);
  });

  test('flags exhaustion within the horizon', () => {
    const detector = new TrendDetector({
      capacity: 1000,
      horizonMs: 3_600_000,
    });
    const near = ramp.map((value) => value + 290);
    const results = feed(detector, near);
    expect(results.at(-1)!.anomalous).toBe(true);
    expect(results.at(-1)!.reason).toBe('exhaustion ahead');
  });

  test('sees no exhaustion on a flat series', () => {
    const detector = new TrendDetector({ capacity: 1000 });
    feed(detector, noise(200, 500, 1));
    const result = detector.update(Date.UTC(2024, 0, 1) + 200 * 60_000, 500);
    expect(result.anomalous).toBe(false);
    expect(result.timeToExhaustionMs).toBeGreaterThan(3_600_000);
  });

  test('ignores repeated timestamps', () => {
    const detector = new TrendDetector({ capacity: 1000 });
    detector.update(1_000, 10);
    const result = detector.update(1_000, 20);
    expect(Number.isFinite(result.slopePerSecond)).toBe(true);
  });
});
