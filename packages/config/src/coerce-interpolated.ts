import { coerceEnvValue } from './coerce-env-value.js';
import {
  type AnySchema,
  readChild,
  readPath,
  schemasAtPath,
} from './schema-walk.js';

type Path = (string | number)[];

/**
 * Converts the strings of `interpolated` that differ from `original` to the
 * type the schema expects, the way environment variables are converted. A
 * placeholder always yields text, so this makes `port: ${PORT}` a number.
 * Changes `interpolated` in place and returns it.
 */
export function coerceInterpolated(
  schema: AnySchema,
  original: unknown,
  interpolated: unknown,
): unknown {
  const changed: Path[] = [];
  collectChanged(original, interpolated, [], changed);
  if (changed.length === 0) {
    return interpolated;
  }

  for (const path of changed) {
    const { schemas } = schemasAtPath(schema, interpolated, path);
    const text = readPath(interpolated, path) as string;
    const value = coerceEnvValue(schemas, text);
    if (path.length === 0) {
      return value;
    }
    const parent = readPath(interpolated, path.slice(0, -1));
    (parent as Record<string | number, unknown>)[path.at(-1)!] = value;
  }
  return interpolated;
}

function collectChanged(
  original: unknown,
  interpolated: unknown,
  path: Path,
  changed: Path[],
): void {
  if (typeof interpolated === 'string') {
    if (interpolated !== original) {
      changed.push(path);
    }
    return;
  }
  if (interpolated === null || typeof interpolated !== 'object') {
    return;
  }

  for (const [key, child] of Object.entries(interpolated)) {
    const segment = Array.isArray(interpolated) ? Number(key) : key;
    const before = readChild(original, segment);
    collectChanged(before, child, [...path, segment], changed);
  }
}
