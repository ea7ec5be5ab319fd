import { formatConfigPath } from './config-path.js';

/**
 * Stable code of a `ConfigError`:
 * - `CONFIG_INVALID`: values failed validation (every problem is listed).
 * - `CONFIG_FILE_NOT_READABLE`: the configuration file could not be read.
 * - `CONFIG_FILE_SYNTAX`: the file is not valid JSON or YAML.
 * - `CONFIG_FILE_UNSUPPORTED`: the file name ends in an unknown extension.
 */
export type ConfigErrorCode =
  | 'CONFIG_INVALID'
  | 'CONFIG_FILE_NOT_READABLE'
  | 'CONFIG_FILE_SYNTAX'
  | 'CONFIG_FILE_UNSUPPORTED';

/** Kind of one problem inside a `ConfigError`. */
export type ConfigProblemCode =
  | 'invalid_type'
  | 'out_of_range'
  | 'invalid_format'
  | 'invalid_value'
  | 'unknown_key'
  | 'missing_variable'
  | 'invalid_variable'
  | 'syntax'
  | 'custom';

/** One invalid value, with where it is and where it came from. */
export interface ConfigProblem {
  /** Kind of problem. */
  code: ConfigProblemCode;
  /** Segments from the root to the value, `[]` for the root itself. */
  path: (string | number)[];
  /** Expected value, such as `a URL` or `a number <= 65535`. */
  expected?: string;
  /** The value received, described as in `"htp:/x"` or `an object`. */
  received?: string;
  /** Description without the path, such as `expected a URL, received 1`. */
  message: string;
  /**
   * Origin of the value: `file.yaml:12:5`, `env MMORCH_METRICS__PORT`,
   * `overrides`, or the `source` given to `parseConfig`.
   */
  source?: string;
}

/** Details of a `ConfigError` besides its code and problems. */
export interface ConfigErrorOptions {
  /** Configuration file involved, if any. */
  file?: string;
  /** Origin of the configuration, shown in the first line. */
  source?: string;
  /** Error that caused this one, such as a failed file read. */
  cause?: unknown;
}

const NEXT_STEP: Record<ConfigErrorCode, string> = {
  CONFIG_INVALID:
    'Fix each value listed above, then load the configuration again.',
  CONFIG_FILE_NOT_READABLE:
    'Check that the file exists and is readable, or pass another path.',
  CONFIG_FILE_SYNTAX: 'Fix the syntax at the positions listed above.',
  CONFIG_FILE_UNSUPPORTED:
    'Name the file with a .json, .yaml or .yml extension.',
};

const HEADLINE: Record<ConfigErrorCode, string> = {
  CONFIG_INVALID: 'Invalid configuration',
  CONFIG_FILE_NOT_READABLE: 'Cannot read configuration file',
  CONFIG_FILE_SYNTAX: 'Invalid syntax in configuration file',
  CONFIG_FILE_UNSUPPORTED: 'Unsupported configuration file',
};

/**
 * Error raised when a configuration cannot be loaded or is invalid. It lists
 * every problem at once, so one run shows everything there is to fix.
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  /** Stable code to branch on. */
  readonly code: ConfigErrorCode;
  /** Every problem found, in the order of the input. */
  readonly problems: readonly ConfigProblem[];
  /** Configuration file involved, if any. */
  readonly file: string | undefined;

  /** Creates the error and formats its message from `problems`. */
  constructor(
    code: ConfigErrorCode,
    problems: readonly ConfigProblem[],
    options: ConfigErrorOptions = {},
  ) {
    const source = options.source ?? options.file;
    super(formatMessage(code, problems, source), { cause: options.cause });
    this.code = code;
    this.problems = problems;
    this.file = options.file;
  }
}

/** Formats one problem as a line: path, message and source. */
export function formatProblem(
  problem: ConfigProblem,
  headerSource?: string,
): string {
  const where = formatConfigPath(problem.path);
  const line = `${where}: ${problem.message}`;
  if (problem.source === undefined || problem.source === headerSource) {
    return line;
  }
  return `${line} (${problem.source})`;
}

function formatMessage(
  code: ConfigErrorCode,
  problems: readonly ConfigProblem[],
  source: string | undefined,
): string {
  const noun = problems.length === 1 ? 'problem' : 'problems';
  const count = `${problems.length} ${noun}`;
  const from = source === undefined ? '' : ` from ${source}`;
  const lines = problems.map(
    (problem) => `  - ${formatProblem(problem, source)}`,
  );
  return [
    `${HEADLINE[code]}${from} (${count}):`,
    ...lines,
    NEXT_STEP[code],
  ].join('\n');
}
