const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * Formats a path such as `['alerting', 'destinations', 2, 'url']` as
 * `alerting.destinations[2].url`. The root is shown as `(root)`.
 */
export function formatConfigPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) {
    return '(root)';
  }

  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') {
      text += `[${segment}]`;
    } else if (typeof segment === 'string' && IDENTIFIER.test(segment)) {
      text += text === '' ? segment : `.${segment}`;
    } else {
      text += `[${JSON.stringify(String(segment))}]`;
    }
  }
  return text;
}

/** Builds a map key for a path, so paths can be compared by value. */
export function pathKey(path: readonly PropertyKey[]): string {
  return JSON.stringify(path.map((segment) => String(segment)));
}
