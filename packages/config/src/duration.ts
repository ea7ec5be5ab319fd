import { z } from 'zod';

const UNIT_MS = {
  ms: 1,
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
} as const;

const DURATION_PATTERN = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/;

/**
 * Parses a duration string such as `"250ms"`, `"30s"`, `"5m"`, `"1h"` or
 * `"2d"` into milliseconds. Returns `undefined` for any other text.
 */
export function parseDurationMs(text: string): number | undefined {
  const match = DURATION_PATTERN.exec(text.trim());
  if (!match) {
    return undefined;
  }

  const amount = Number(match[1]);
  const unit = match[2] as keyof typeof UNIT_MS;
  return amount * UNIT_MS[unit];
}

/**
 * Builds a schema for a duration option. A number is read in `unit`
 * (milliseconds unless given), a string needs a unit suffix (`ms`, `s`, `m`,
 * `h`, `d`). The parsed value is always in milliseconds.
 */
export function durationMs(unit: keyof typeof UNIT_MS = 'ms') {
  return z.union([z.number(), z.string()]).transform((value, ctx) => {
    const ms =
      typeof value === 'number'
        ? value * UNIT_MS[unit]
        : parseDurationMs(value);
    if (ms === undefined || !Number.isFinite(ms) || ms < 0) {
      ctx.addIssue({
        code: 'custom',
        message: `expected a duration such as 500 (${unit}), "30s" or "5m", received ${JSON.stringify(value)}`,
        input: value,
      });
      return z.NEVER;
    }
    return ms;
  });
}
