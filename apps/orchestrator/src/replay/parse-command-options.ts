import { parseArgs } from 'node:util';
import { ReplayError } from './replay-error.js';

/** Definition of one command-line option, as `node:util` `parseArgs` takes it. */
export type OptionSpec = Record<
  string,
  { type: 'string' | 'boolean'; short?: string }
>;

/**
 * Parses `argv` against `spec`, rejecting unknown options and positional
 * arguments with a `ReplayError` of code `INVALID_ARGUMENT`.
 */
export function parseCommandOptions(
  argv: string[],
  spec: OptionSpec,
): Record<string, string | boolean | undefined> {
  try {
    const { values } = parseArgs({
      args: argv,
      options: spec,
      strict: true,
      allowPositionals: false,
    });
    return values as Record<string, string | boolean | undefined>;
  } catch (error) {
    // parseArgs puts its hint, such as `--speed=-1` for a value that starts
    // with a dash, on further lines, and commands print only the first.
    const message = (error as Error).message.split('\n').join(' ');
    throw new ReplayError('INVALID_ARGUMENT', message);
  }
}

/**
 * Reads option `--name` as a number greater than 0 (a whole number when
 * `integer`), or returns `fallback` when it is absent.
 */
export function readPositive(
  values: Record<string, string | boolean | undefined>,
  name: string,
  fallback: number,
  integer = false,
): number {
  const text = values[name];
  if (text === undefined || typeof text === 'boolean') {
    return fallback;
  }

  const value = Number(text);
  const valid = Number.isFinite(value) && value > 0;
  if (!valid || (integer && !Number.isInteger(value))) {
    const kind = integer ? 'a whole number' : 'a number';
    throw new ReplayError(
      'INVALID_ARGUMENT',
      `invalid --${name} ${JSON.stringify(text)}, expected ${kind} greater than 0`,
    );
  }
  return value;
}

/**
 * Reads option `--name` as a number of 0 or more, or returns `fallback`
 * when it is absent.
 */
export function readNonNegative(
  values: Record<string, string | boolean | undefined>,
  name: string,
  fallback: number,
): number {
  const text = values[name];
  if (text === undefined || typeof text === 'boolean') {
    return fallback;
  }

  const value = Number(text);
  if (!(Number.isFinite(value) && value >= 0)) {
    throw new ReplayError(
      'INVALID_ARGUMENT',
      `invalid --${name} ${JSON.stringify(text)}, expected a number of 0 or more`,
    );
  }
  return value;
}
