import { z } from 'zod';

const UNIT_MS = {
  ms: 1,
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
} as const;

/** Unit of a duration number: `ms`, `s`, `m`, `h` or `d`. */
export type DurationUnit = keyof typeof UNIT_MS;

// One or more amounts with a unit, largest first or not: "90s", "1m30s".
const DURATION_PATTERN = /^(?:\d+(?:\.\d+)?(?:ms|s|m|h|d))+$/;
const DURATION_PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/g;

/**
 * Parses a duration string such as `"250ms"`, `"30s"`, `"5m"`, `"1h"`,
 * `"2d"` or `"1m30s"` into milliseconds. Returns `undefined` for any other
 * text, including a bare number.
 */
export function parseDurationMs(text: string): number | undefined {
  const trimmed = text.trim();
  if (!DURATION_PATTERN.test(trimmed)) {
    return undefined;
  }

  let total = 0;
  for (const [, amount, unit] of trimmed.matchAll(DURATION_PART)) {
    total += Number(amount) * UNIT_MS[unit as DurationUnit];
  }
  return total;
}

/**
 * Builds a schema for a duration option. A number is read in `unit`
 * (milliseconds unless given), and a string needs a unit suffix (`ms`, `s`,
 * `m`, `h`, `d`). The parsed value is always in milliseconds. Negative,
 * infinite and unitless text values are rejected. A `.default()` on it is
 * taken as milliseconds, because zod 4 does not run transforms on
 * defaults. Use `.prefault()` to write a default in `unit`.
 */
export function durationMs(unit: DurationUnit = 'ms') {
  const expected = `a duration such as 500 (${unit}), "30s" or "5m"`;

  return z
    .union([z.number(), z.string()], { error: () => `expected ${expected}` })
    .transform((value, ctx) => {
      const ms =
        typeof value === 'number'
          ? value * UNIT_MS[unit]
          : parseDurationMs(value);
      if (ms === undefined || !Number.isFinite(ms) || ms < 0) {
        ctx.addIssue({
          code: 'custom',
          message: `expected ${expected}, received ${JSON.stringify(value)}`,
          params: { expected },
          input: value,
        });
        return z.NEVER;
      }
      return ms;
    });
}
