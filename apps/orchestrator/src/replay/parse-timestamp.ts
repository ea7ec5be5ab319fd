const DATE_TIME_PATTERN =
  /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:?\d{2})?$/;
const NUMBER_PATTERN = /^\d+(?:\.\d+)?$/;

/**
 * A timestamp in milliseconds, split into whole milliseconds and the rest,
 * because one double of epoch milliseconds (about 1.7e12) cannot keep the
 * 100 ns steps of the Azure traces.
 */
export interface SplitTimestamp {
  /** Whole milliseconds. */
  wholeMs: number;
  /** Fraction of a millisecond, from 0 up to 1. */
  fractionMs: number;
}

/**
 * Parses a trace timestamp. Accepts a date-time such as
 * `2023-11-16 18:15:46.6805900` (any number of fractional digits, UTC unless
 * an offset is given) or a plain number of seconds. Returns `undefined` for
 * anything else.
 */
export function parseTimestamp(text: string): SplitTimestamp | undefined {
  if (NUMBER_PATTERN.test(text)) {
    return split(Number(text) * 1_000);
  }

  const match = DATE_TIME_PATTERN.exec(text);
  if (!match) {
    return undefined;
  }

  // `Date.parse` rejects more than 3 fractional digits, so the fraction is
  // parsed apart and added back as a number of seconds.
  const [, date, time, fraction, zone] = match;
  const wholeMs = Date.parse(`${date}T${time}${zone ?? 'Z'}`);
  if (Number.isNaN(wholeMs)) {
    return undefined;
  }

  const ms = fraction ? Number(`0.${fraction}`) * 1_000 : 0;
  const { wholeMs: extraMs, fractionMs } = split(ms);
  return { wholeMs: wholeMs + extraMs, fractionMs };
}

function split(ms: number): SplitTimestamp {
  const wholeMs = Math.floor(ms);
  return { wholeMs, fractionMs: ms - wholeMs };
}
