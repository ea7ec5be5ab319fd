const DATE_TIME_PATTERN =
  /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:?\d{2})?$/;
const NUMBER_PATTERN = /^\d+(?:\.\d+)?$/;

/**
 * Parses a trace timestamp into milliseconds. Accepts a date-time such as
 * `2023-11-16 18:15:46.6805900` (any number of fractional digits, UTC unless
 * an offset is given) or a plain number of seconds. Returns `undefined` for
 * anything else.
 */
export function parseTimestampMs(text: string): number | undefined {
  if (NUMBER_PATTERN.test(text)) {
    return Number(text) * 1_000;
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

  const fractionMs = fraction ? Number(`0.${fraction}`) * 1_000 : 0;
  return wholeMs + fractionMs;
}
