import { coerceEnvValue } from './coerce-env-value.js';
import type { ConfigProblem } from './config-error.js';
import { formatConfigPath, pathKey } from './config-path.js';
import {
  type EnvironmentVariables,
  interpolateVariables,
} from './interpolate-variables.js';
import { indexPatches, mergeLayers } from './merge-layers.js';
import {
  type AnySchema,
  childSchemas,
  declaredKeys,
  isPlainObject,
  readPath,
  schemasAtPath,
  unwrapSchema,
} from './schema-walk.js';

type Path = (string | number)[];

/** Values read from environment variables, with where each came from. */
export interface EnvLayer {
  /** Nested values, `undefined` when no variable has the prefix. */
  value: Record<string, unknown> | undefined;
  /** Variable name of each path that a variable set, by `pathKey`. */
  sources: Map<string, string>;
  problems: ConfigProblem[];
}

const NAME_HELP =
  'write segments of letters and digits joined by two underscores';

// Letters and digits, single underscores inside: `SERVICE_NAME`, `0`.
const SEGMENT = /^[A-Za-z0-9]+(?:_[A-Za-z0-9]+)*$/;

/**
 * Reads every variable named `prefix` + path segments joined by `__`, such
 * as `MMORCH_TRACING__EXPORTER__URL`. A segment matches an option in
 * upper snake case (`SERVICE_NAME` for `serviceName`), a number indexes an
 * array, and a record key is taken as written. Values go through `${VAR}`
 * interpolation, then are converted to the type the schema expects, with
 * `base` (the file's values) beside them to pick the option of a union.
 * Variables listed in `ignore` are skipped.
 */
export function readEnvLayer(
  schema: AnySchema,
  env: EnvironmentVariables,
  prefix: string,
  ignore: readonly string[] = [],
  base: unknown = {},
): EnvLayer {
  const layer: EnvLayer = {
    value: undefined,
    sources: new Map(),
    problems: [],
  };
  const names = Object.keys(env)
    .filter((name) => name.startsWith(prefix) && !ignore.includes(name))
    .sort();

  const leaves: Path[] = [];
  const read: ReadContext = { schema, env, prefix, base, count: names.length };
  for (const name of names) {
    const text = env[name];
    const path =
      text === undefined ? undefined : readVariable(read, name, text, layer);
    if (path) {
      leaves.push(path);
    }
  }

  // Conversion waits until every variable is read, because a field of a
  // union option is known only once its `type` is, which may come later.
  const context = mergeLayers(base, layer.value);
  for (const path of leaves) {
    const text = readPath(layer.value, path);
    if (typeof text === 'string') {
      const { schemas } = schemasAtPath(schema, context, path);
      setAtPath(layer.value ?? {}, path, coerceEnvValue(schemas, text));
    }
  }
  return layer;
}

interface ReadContext {
  schema: AnySchema;
  env: EnvironmentVariables;
  prefix: string;
  /** The file's values, whose arrays an index may patch or extend. */
  base: unknown;
  /** Number of variables read, which bounds the items they can add. */
  count: number;
}

function readVariable(
  { schema, env, prefix, base, count }: ReadContext,
  name: string,
  text: string,
  layer: EnvLayer,
): Path | undefined {
  const segments = name.slice(prefix.length).split('__');
  if (segments.some((segment) => !SEGMENT.test(segment))) {
    layer.problems.push({
      code: 'invalid_format',
      path: [],
      expected: `a name such as ${prefix}METRICS__PORT`,
      received: JSON.stringify(name),
      message: `invalid environment variable name ${name}, ${NAME_HELP}`,
      source: `env ${name}`,
    });
    return undefined;
  }

  const path: Path = [];
  let schemas = [schema];
  for (const segment of segments) {
    const key = resolveSegment(schemas, segment);
    if (typeof key === 'number') {
      const problem = checkIndex(base, path, key, count);
      if (problem) {
        layer.problems.push({ ...problem, source: `env ${name}` });
        return undefined;
      }
    }
    schemas = schemas.flatMap((s) => childSchemas(s, key, 'input'));
    path.push(key);
  }

  const interpolated = interpolateVariables(text, env, path);
  for (const problem of interpolated.problems) {
    layer.problems.push({ ...problem, source: `env ${name}` });
  }
  layer.value = setAtPath(layer.value ?? {}, path, interpolated.value);
  layer.sources.set(pathKey(path), `env ${name}`);
  return path;
}

// The variables can add at most `count` items after the file's, so a larger
// index leaves a gap. Checking it here also keeps a typo such as
// `__99999999` from building a sparse array of that length.
function checkIndex(
  base: unknown,
  path: Path,
  index: number,
  count: number,
): ConfigProblem | undefined {
  const items = readPath(base, path);
  const length = Array.isArray(items) ? items.length : 0;
  if (index < length + count) {
    return undefined;
  }

  const where = path.length === 0 ? 'the root' : formatConfigPath(path);
  return {
    code: 'out_of_range',
    path,
    expected: `an index from 0 to ${length}`,
    received: String(index),
    message: `index ${index} is past the end of ${where}, which has ${length} items, use an index from 0 to ${length}`,
  };
}

function resolveSegment(
  schemas: readonly AnySchema[],
  segment: string,
): string | number {
  const wanted = segment.toUpperCase();
  const key = declaredKeys(schemas, 'input').find(
    (name) => toEnvSegment(name) === wanted || name.toUpperCase() === wanted,
  );
  if (key !== undefined) {
    return key;
  }

  const kinds = schemas.map((s) => unwrapSchema(s, 'input').base._zod.def.type);
  if (
    /^\d+$/.test(segment) &&
    kinds.some((k) => k === 'array' || k === 'tuple')
  ) {
    return Number(segment);
  }
  if (kinds.some((kind) => kind === 'record' || kind === 'map')) {
    return segment;
  }
  return toCamelCase(segment);
}

/** Spells an option name as an environment variable segment. */
export function toEnvSegment(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/-/g, '_')
    .toUpperCase();
}

function toCamelCase(segment: string): string {
  return segment
    .toLowerCase()
    .replace(/_([a-z0-9])/g, (_match, letter: string) => letter.toUpperCase());
}

function setAtPath(
  root: Record<string, unknown>,
  path: readonly (string | number)[],
  value: unknown,
): Record<string, unknown> {
  let container: Record<string | number, unknown> = root;
  path.forEach((key, index) => {
    if (index === path.length - 1) {
      container[key] = value;
      return;
    }

    const nextKey = path[index + 1];
    let child = container[key];
    if (typeof nextKey === 'number' && !Array.isArray(child)) {
      child = [];
      indexPatches.add(child as unknown[]);
    } else if (typeof nextKey === 'string' && !isPlainObject(child)) {
      child = {};
    }
    container[key] = child;
    container = child as Record<string | number, unknown>;
  });
  return root;
}
