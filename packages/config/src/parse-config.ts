import { z } from 'zod';
import { ConfigError, type ConfigProblem } from './config-error.js';
import { pathKey } from './config-path.js';
import { protectSecrets } from './redact-config.js';
import type { AnySchema } from './schema-walk.js';
import { findStrippedKeys } from './stripped-keys.js';
import {
  DEFAULT_MESSAGE,
  issuesToProblems,
  unknownKeyProblem,
} from './zod-issue-problems.js';

/** Options of `parseConfig`. */
export interface ParseConfigOptions {
  /**
   * Origin of the input, named in the error, such as
   * `PrometheusExporter options`. @default undefined
   */
  source?: string;
}

/** Finds the origin of the value at a path, for `ConfigProblem.source`. */
export type SourceLocator = (
  path: readonly PropertyKey[],
) => string | undefined;

/** Internal options shared by `parseConfig` and `loadConfig`. */
export interface ValidateOptions {
  source?: string;
  file?: string;
  locate?: SourceLocator;
  /** Problems found before validation, such as a missing `${VAR}`. */
  problems?: ConfigProblem[];
}

/**
 * Validates `input` against `schema` and returns the parsed value with
 * defaults applied. Throws a `ConfigError` (code `CONFIG_INVALID`) that
 * lists every problem when anything is invalid, so a half-valid config is
 * never returned. Keys that the schema does not declare are problems even
 * for a non-strict `z.object()`. The result prints with secrets redacted.
 */
export function parseConfig<S extends z.ZodType>(
  schema: S,
  input: unknown,
  options: ParseConfigOptions = {},
): z.output<S> {
  return validateConfig(schema, input, options);
}

/** Runs `parseConfig` with sources and earlier problems. */
export function validateConfig<S extends z.ZodType>(
  schema: S,
  input: unknown,
  options: ValidateOptions,
): z.output<S> {
  // The plain parse keeps zod's fast path. Only a failed input is parsed
  // again to collect the details that the problems need.
  let result = z.safeParse(schema, input);
  if (!result.success) {
    result = z.safeParse(schema, input, {
      error: () => DEFAULT_MESSAGE,
      reportInput: true,
    });
  }

  // A value whose `${VAR}` failed is invalid because of it, so only the
  // missing variable is reported at that path.
  const earlier = options.problems ?? [];
  const reported = new Set(earlier.map((problem) => pathKey(problem.path)));
  const context = { schema: schema as AnySchema, input };
  const found = [
    ...(result.success ? [] : issuesToProblems(result.error.issues, context)),
    ...strippedKeyProblems(context.schema, input),
  ];
  const problems = [
    ...earlier,
    ...found.filter((problem) => !reported.has(pathKey(problem.path))),
  ];
  if (problems.length === 0 && result.success) {
    return protectSecrets(schema, result.data);
  }

  const located = problems.map((problem) => ({
    ...problem,
    source: problem.source ?? options.locate?.(problem.path) ?? options.source,
  }));
  throw new ConfigError('CONFIG_INVALID', located, {
    file: options.file,
    source: options.source ?? options.file,
  });
}

function strippedKeyProblems(
  schema: AnySchema,
  input: unknown,
): ConfigProblem[] {
  const context = { schema, input };
  return findStrippedKeys(schema, input).map((path) =>
    unknownKeyProblem(path.slice(0, -1), String(path.at(-1)), context),
  );
}
