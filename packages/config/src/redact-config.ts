import { inspect } from 'node:util';
import type { z } from 'zod';
import {
  type AnySchema,
  isPlainObject,
  mayContainSecret,
  type SchemaSide,
  unionOptions,
  unwrapSchema,
} from './schema-walk.js';

/** Text that replaces a secret value in printed configuration. */
export const REDACTED = '[redacted]';

/**
 * Copies a parsed config with every value whose schema is marked with
 * `secret()` replaced by `[redacted]`. Parts without secrets are shared
 * with `value`, not copied. Use it before logging or printing a config.
 */
export function redactConfig<T>(schema: z.core.$ZodType, value: T): T {
  return redactValue(schema, value, 'output') as T;
}

/**
 * Redacts `value` as described by one side of `schema`. Returns `value`
 * itself when it contains no secret.
 */
export function redactValue(
  schema: AnySchema,
  value: unknown,
  side: SchemaSide,
): unknown {
  if (!mayContainSecret(schema)) {
    return value;
  }

  const { base, secret } = unwrapSchema(schema, side, value);
  if (secret) {
    return value === undefined || value === null ? value : REDACTED;
  }

  const def = base._zod.def;
  switch (def.type) {
    case 'object':
      return redactObject(value, side, (key) =>
        Object.hasOwn(def.shape, key) ? def.shape[key] : def.catchall,
      );
    case 'record':
      return redactObject(value, side, () => def.valueType);
    case 'array':
      return redactArray(value, side, () => def.element);
    case 'tuple':
      return redactArray(value, side, (i) => def.items[i] ?? def.rest);
    case 'union':
      return unionOptions(base as z.core.$ZodUnion, value).reduce(
        (current, option) => redactValue(option, current, side),
        value,
      );
    case 'intersection': {
      const left = redactValue(def.left, value, side);
      return redactValue(def.right, left, side);
    }
    default:
      return value;
  }
}

function redactObject(
  value: unknown,
  side: SchemaSide,
  schemaOf: (key: string) => AnySchema | null | undefined,
): unknown {
  if (!isPlainObject(value)) {
    return value;
  }

  let copy: Record<string, unknown> | undefined;
  for (const [key, child] of Object.entries(value)) {
    const schema = schemaOf(key);
    const redacted = schema ? redactValue(schema, child, side) : child;
    if (redacted !== child) {
      copy ??= { ...value };
      copy[key] = redacted;
    }
  }
  return copy ?? value;
}

function redactArray(
  value: unknown,
  side: SchemaSide,
  schemaOf: (index: number) => AnySchema | null | undefined,
): unknown {
  if (!Array.isArray(value)) {
    return value;
  }

  let copy: unknown[] | undefined;
  value.forEach((child, index) => {
    const schema = schemaOf(index);
    const redacted = schema ? redactValue(schema, child, side) : child;
    if (redacted !== child) {
      copy ??= [...value];
      copy[index] = redacted;
    }
  });
  return copy ?? value;
}

/**
 * Makes every object and array of a parsed config that contains a secret
 * print redacted: it adds non-enumerable `toJSON` and `util.inspect`
 * methods, which `JSON.stringify`, `console.log` and pino call. The values
 * themselves stay readable by code. Returns `value`.
 */
export function protectSecrets<T>(schema: AnySchema, value: T): T {
  protectNode(schema, value);
  return value;
}

// Attaches the printing methods bottom-up in one pass, and returns whether
// `value` contains a secret.
function protectNode(schema: AnySchema, value: unknown): boolean {
  if (!mayContainSecret(schema)) {
    return false;
  }

  const { base, secret } = unwrapSchema(schema, 'output', value);
  const container = isPlainObject(value) || Array.isArray(value);
  if (secret) {
    if (container) {
      attachPrinting(schema, value);
    }
    return value !== undefined && value !== null;
  }
  if (!container) {
    return false;
  }

  let found = false;
  for (const [key, child] of Object.entries(value)) {
    const index = Array.isArray(value) ? Number(key) : key;
    for (const childSchema of outputChildren(base, index, value)) {
      found = protectNode(childSchema, child) || found;
    }
  }
  if (found) {
    attachPrinting(schema, value);
  }
  return found;
}

function attachPrinting(schema: AnySchema, value: object): void {
  const printable = () => redactValue(schema, value, 'output');
  Object.defineProperty(value, 'toJSON', {
    value: printable,
    enumerable: false,
    configurable: true,
    writable: true,
  });
  Object.defineProperty(value, inspect.custom, {
    value: (_depth: number, options: object) => inspect(printable(), options),
    enumerable: false,
    configurable: true,
    writable: true,
  });
}

function outputChildren(
  base: z.core.$ZodTypes,
  key: string | number,
  container: unknown,
): AnySchema[] {
  const def = base._zod.def;
  switch (def.type) {
    case 'object': {
      const field = Object.hasOwn(def.shape, key) ? def.shape[key] : undefined;
      const schema = field ?? def.catchall;
      return schema ? [schema] : [];
    }
    case 'record':
      return [def.valueType];
    case 'array':
      return [def.element];
    case 'tuple': {
      const item = def.items[key as number] ?? def.rest;
      return item ? [item] : [];
    }
    case 'union':
      return unionOptions(base as z.core.$ZodUnion, container).flatMap(
        (option) =>
          outputChildren(
            unwrapSchema(option, 'output', container).base,
            key,
            container,
          ),
      );
    case 'intersection':
      return [def.left, def.right].flatMap((side) =>
        outputChildren(
          unwrapSchema(side, 'output', container).base,
          key,
          container,
        ),
      );
    default:
      return [];
  }
}
