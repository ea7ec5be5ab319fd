import { describe, expect, test } from 'vitest';
import { durationMs, parseDurationMs } from '../src/index.js';

describe('parseDurationMs', () => {
  test.each([
    ['250ms', 250],
    ['30s', 30_000],
    ['5m', 300_000],
    ['1h', 3_600_000],
    ['2d', 172_800_000],
    ['1.5s', 1_500],
    ['1m30s', 90_000],
    [' 10s ', 10_000],
  ])('parses %j', (text, expected) => {
    expect(parseDurationMs(text)).toBe(expected);
  });

  test.each(['30', '', 's', '-5s', '5 minutes', '5x', '1e3ms'])(
    'rejects %j',
    (text) => {
      expect(parseDurationMs(text)).toBeUndefined();
    },
  );
});

describe('durationMs', () => {
  test('reads numbers as milliseconds', () => {
    expect(durationMs().parse(1_500)).toBe(1_500);
  });

  test('reads numbers in unit', () => {
    expect(durationMs('s').parse(2)).toBe(2_000);
  });

  test('reads strings with suffix', () => {
    expect(durationMs('s').parse('250ms')).toBe(250);
  });

  test.each([-1, Number.POSITIVE_INFINITY, Number.NaN])('rejects %d', (n) => {
    expect(durationMs().safeParse(n).success).toBe(false);
  });

  test('rejects unitless strings', () => {
    expect(durationMs().safeParse('30').success).toBe(false);
  });

  test('names the expected form', () => {
    const result = durationMs('s').safeParse('soon');
    expect(result.error?.issues[0]?.message).toBe(
      'expected a duration such as 500 (s), "30s" or "5m", received "soon"',
    );
  });

  test('rejects other types', () => {
    const result = durationMs().safeParse(true);
    expect(result.error?.issues[0]?.message).toBe(
      'expected a duration such as 500 (ms), "30s" or "5m"',
    );
  });

  test('takes defaults in milliseconds', () => {
    expect(durationMs('s').default(500).parse(undefined)).toBe(500);
  });

  test('takes prefaults in unit', () => {
    expect(durationMs('s').prefault(2).parse(undefined)).toBe(2_000);
  });
});
