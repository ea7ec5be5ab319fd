import { AlertsError } from './errors.js';

/** Go (RE2) flags with the JavaScript flag that has the same meaning. */
const FLAGS: Record<string, string> = { i: 'i', m: 'm', s: 's' };

/**
 * Compiles an Alertmanager (Go RE2) regular expression into a `RegExp` that
 * matches whole values. A leading flag group such as `(?i)` becomes a
 * `RegExp` flag and `(?P<name>` becomes `(?<name>`, because Node 20 has
 * neither. Throws a `SyntaxError` for a pattern that is invalid in
 * JavaScript and an `AlertsError` for the `U` flag.
 *
 * NOTE: flags inside the pattern (`a(?i)b`, `(?i:b)`) are still rejected,
 * and a few patterns that RE2 rejects (lookahead, backreferences) compile.
 */
export function compileGoRegExp(pattern: string): RegExp {
  const leading = /^\(\?([a-zA-Z]+)\)/.exec(pattern);
  let flags = '';
  for (const flag of leading?.[1] ?? '') {
    const mapped = FLAGS[flag];
    if (mapped === undefined) {
      throw new AlertsError(
        'INVALID_MATCHER',
        `regular expression "${pattern}": flag "${flag}" is not supported; use only the flags i, m and s`,
      );
    }
    flags += flags.includes(mapped) ? '' : mapped;
  }

  const body = pattern
    .slice(leading?.[0].length ?? 0)
    .replaceAll('(?P<', '(?<');
  return new RegExp(`^(?:${body})$`, flags);
}
