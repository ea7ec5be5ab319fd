import type { ConfigProblem } from './config-error.js';
import { isPlainObject } from './schema-walk.js';

/** Environment variables in the shape of `process.env`. */
export type EnvironmentVariables = Record<string, string | undefined>;

// `$${` is an escaped `${`, `${...}` a placeholder, and a lone `${` an
// unclosed placeholder.
const PLACEHOLDER = /\$\$\{|\$\{([^}]*)\}|\$\{/g;
const REFERENCE_HELP = `write \${NAME}, \${NAME:-fallback}, or $\${ for a literal \${`;
// A fallback may not contain `${`, because the first `}` ends the
// placeholder: `${A:-${B}}` would otherwise fall back to the text `${B`.
const REFERENCE = /^([A-Za-z_][A-Za-z0-9_]*)(?::-((?:(?!\$\{)[\s\S])*))?$/;

/** Value with its placeholders replaced, and the placeholders that failed. */
export interface InterpolationResult {
  value: unknown;
  problems: ConfigProblem[];
}

/**
 * Replaces `${NAME}` in every string of `value` with the environment
 * variable `NAME`. `${NAME:-text}` falls back to `text` when `NAME` is
 * unset or empty, and `$${` writes a literal `${`. An unset variable
 * without a fallback is a `missing_variable` problem at its path, and a
 * fallback that contains another placeholder is an `invalid_variable` one.
 */
export function interpolateVariables(
  value: unknown,
  env: EnvironmentVariables,
  path: (string | number)[] = [],
): InterpolationResult {
  const problems: ConfigProblem[] = [];
  const result = visit(value, env, path, problems);
  return { value: result, problems };
}

function visit(
  value: unknown,
  env: EnvironmentVariables,
  path: (string | number)[],
  problems: ConfigProblem[],
): unknown {
  if (typeof value === 'string') {
    return interpolateString(value, env, path, problems);
  }
  if (Array.isArray(value)) {
    return value.map((item, i) => visit(item, env, [...path, i], problems));
  }
  if (isPlainObject(value)) {
    const copy: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) {
      copy[key] = visit(child, env, [...path, key], problems);
    }
    return copy;
  }
  return value;
}

function interpolateString(
  text: string,
  env: EnvironmentVariables,
  path: (string | number)[],
  problems: ConfigProblem[],
): string {
  return text.replace(PLACEHOLDER, (match: string, inner?: string) => {
    if (match === '$${') {
      return '${';
    }

    const reference = inner === undefined ? null : REFERENCE.exec(inner);
    if (!reference) {
      const quoted = JSON.stringify(match);
      problems.push({
        code: 'invalid_variable',
        path,
        expected: `a reference such as \${NAME} or \${NAME:-fallback}`,
        received: quoted,
        message: `invalid variable reference ${quoted}, ${REFERENCE_HELP}`,
      });
      return match;
    }

    const [, name, fallback] = reference;
    const variable = env[name!];
    if (variable !== undefined && (variable !== '' || fallback === undefined)) {
      return variable;
    }
    if (fallback !== undefined) {
      return fallback;
    }
    const fix = `set it or write \${${name}:-fallback}`;
    problems.push({
      code: 'missing_variable',
      path,
      expected: `environment variable ${name} to be set`,
      received: JSON.stringify(match),
      message: `environment variable ${name} is not set, ${fix}`,
    });
    return match;
  });
}
