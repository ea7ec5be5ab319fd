import type { z } from 'zod';
import { coerceInterpolated } from './coerce-interpolated.js';
import type { ConfigProblem } from './config-error.js';
import { pathKey } from './config-path.js';
import { readEnvLayer } from './env-layer.js';
import {
  type EnvironmentVariables,
  interpolateVariables,
} from './interpolate-variables.js';
import { mergeLayers } from './merge-layers.js';
import { type SourceLocator, validateConfig } from './parse-config.js';
import { readConfigFile } from './read-config-file.js';

/** Partial form of a config input, for `LoadConfigOptions.overrides`. */
export type DeepPartial<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;

/** Options of `loadConfig`. */
export interface LoadConfigOptions<Input = unknown> {
  /**
   * Path of a `.json`, `.yaml` or `.yml` file. Without it, the variable
   * `<envPrefix>CONFIG` (such as `MMORCH_CONFIG`) names the file, if set.
   * @default undefined
   */
  file?: string;
  /**
   * Environment variables: read for `<envPrefix>` options and for the
   * `${VAR}` placeholders of the file. Pass `{}` to ignore the environment.
   * @default process.env
   */
  env?: EnvironmentVariables;
  /** Prefix of the variables that set options. @default 'MMORCH_' */
  envPrefix?: string;
  /** Values that win over the file and the environment. @default {} */
  overrides?: DeepPartial<Input>;
}

/**
 * Loads a configuration from, in increasing precedence: the schema's
 * defaults, a JSON or YAML file, environment variables, then `overrides`.
 * `${VAR}` in file strings and variable values is replaced from `env`.
 * Throws a `ConfigError` listing every problem, each with the file line or
 * variable it came from; nothing half-valid is ever returned.
 */
export function loadConfig<S extends z.ZodType>(
  schema: S,
  options: LoadConfigOptions<z.input<S>> = {},
): z.output<S> {
  const env = options.env ?? process.env;
  const prefix = options.envPrefix ?? 'MMORCH_';
  const fileVariable = `${prefix}CONFIG`;
  const file = options.file ?? nonEmpty(env[fileVariable]);
  const problems: ConfigProblem[] = [];

  let fileData: unknown = {};
  let locateInFile: SourceLocator = () => undefined;
  if (file !== undefined) {
    const loaded = readConfigFile(file);
    const interpolated = interpolateVariables(loaded.data, env);
    fileData = coerceInterpolated(schema, loaded.data, interpolated.value);
    locateInFile = loaded.locate;
    problems.push(...interpolated.problems);
  }

  const ignored = [fileVariable];
  const envLayer = readEnvLayer(schema, env, prefix, ignored, fileData);
  problems.push(...envLayer.problems);

  const overrides = options.overrides as unknown;
  const merged = mergeLayers(mergeLayers(fileData, envLayer.value), overrides);
  const overridden = new Set<string>();
  collectPaths(overrides, [], overridden);

  const locate: SourceLocator = (path) => {
    for (let end = path.length; end >= 0; end--) {
      const key = pathKey(path.slice(0, end));
      if (overridden.has(key)) {
        return 'overrides';
      }
      const variable = envLayer.sources.get(key);
      if (variable !== undefined) {
        return variable;
      }
    }
    return file === undefined ? undefined : locateInFile(path);
  };

  return validateConfig(schema, merged, {
    file,
    locate,
    problems: problems.map((p) => ({
      ...p,
      source: p.source ?? locate(p.path),
    })),
  });
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

// Records the path of every value that `overrides` sets, so a problem at
// or below it is reported as coming from the overrides.
function collectPaths(
  value: unknown,
  path: PropertyKey[],
  paths: Set<string>,
): void {
  if (value === undefined) {
    return;
  }
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value)) {
      collectPaths(child, [...path, key], paths);
    }
    return;
  }
  paths.add(pathKey(path));
}
