import type { z } from 'zod';
import { schemaResolver } from './dynamic-schema.js';
import { isSecret } from './secret.js';

/** Any zod schema, seen through the tagged union of its internals. */
export type AnySchema = z.core.$ZodType;

/**
 * Side of a schema to walk: `input` follows what a user writes (the `in`
 * of a pipe), `output` follows what parsing returns (the `out` of a pipe).
 */
export type SchemaSide = 'input' | 'output';

/** Innermost schema below the wrappers, and whether a layer is secret. */
export interface UnwrappedSchema {
  base: z.core.$ZodTypes;
  secret: boolean;
}

// A lazy schema that only returns itself would loop for ever, so the walk
// gives up after this many wrappers.
const MAX_WRAPPERS = 64;

/**
 * Unwraps optional, nullable, default, prefault, readonly, catch, lazy and
 * pipe layers down to the schema that decides the shape of a value. Given
 * `value`, a schema marked with `dynamicSchema()` is replaced by the one
 * its resolver picks.
 */
export function unwrapSchema(
  schema: AnySchema,
  side: SchemaSide,
  value?: unknown,
): UnwrappedSchema {
  let current = schema as z.core.$ZodTypes;
  let secret = false;

  for (let depth = 0; depth < MAX_WRAPPERS; depth++) {
    if (isSecret(current)) {
      secret = true;
    }
    const resolved = resolveDynamic(current, value);
    if (resolved !== undefined) {
      current = resolved;
      continue;
    }
    const def = current._zod.def;
    switch (def.type) {
      case 'optional':
      case 'nullable':
      case 'default':
      case 'prefault':
      case 'readonly':
      case 'catch':
      case 'nonoptional':
        current = def.innerType as z.core.$ZodTypes;
        break;
      case 'lazy':
        current = (current as z.core.$ZodLazy)._zod
          .innerType as z.core.$ZodTypes;
        break;
      case 'pipe':
        current = (side === 'input' ? def.in : def.out) as z.core.$ZodTypes;
        break;
      default:
        return { base: current, secret };
    }
  }
  return { base: current, secret };
}

function resolveDynamic(
  schema: AnySchema,
  value: unknown,
): z.core.$ZodTypes | undefined {
  const resolve = schemaResolver(schema);
  if (resolve === undefined || value === undefined) {
    return undefined;
  }
  const resolved = resolve(value);
  return resolved === schema ? undefined : (resolved as z.core.$ZodTypes);
}

/** Tells whether a value is a plain object (not an array or a class). */
export function isPlainObject(
  value: unknown,
): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') {
    return false;
  }
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * Picks the options of a union that can describe `value`. A discriminated
 * union with a known discriminator value yields that option alone.
 */
export function unionOptions(
  union: z.core.$ZodUnion,
  value: unknown,
): AnySchema[] {
  const def = union._zod.def as z.core.$ZodUnionDef & {
    discriminator?: string;
  };
  const options = [...def.options];
  const key = def.discriminator;
  if (key === undefined || !isPlainObject(value)) {
    return options;
  }

  const matching = options.filter((option) =>
    option._zod.propValues?.[key]?.has(value[key] as never),
  );
  return matching.length > 0 ? matching : options;
}

/**
 * Finds the schemas that describe the child `key` of a value described by
 * `schema`. `value` (the container) picks the option of a discriminated
 * union. Returns an empty list when the schema has no such child.
 */
export function childSchemas(
  schema: AnySchema,
  key: PropertyKey,
  side: SchemaSide,
  value?: unknown,
): AnySchema[] {
  const { base } = unwrapSchema(schema, side, value);
  const def = base._zod.def;

  switch (def.type) {
    case 'object': {
      const field = def.shape[key as string];
      if (field !== undefined && Object.hasOwn(def.shape, key)) {
        return [field];
      }
      const catchall = def.catchall;
      return catchall && catchall._zod.def.type !== 'never' ? [catchall] : [];
    }
    case 'record':
    case 'map':
      return [def.valueType];
    case 'array':
      return typeof key === 'number' ? [def.element] : [];
    case 'set':
      return [def.valueType];
    case 'tuple': {
      const item = typeof key === 'number' ? def.items[key] : undefined;
      if (item) {
        return [item];
      }
      return def.rest ? [def.rest] : [];
    }
    case 'union':
      return unionOptions(base as z.core.$ZodUnion, value).flatMap((option) =>
        childSchemas(option, key, side, value),
      );
    case 'intersection':
      return [
        ...childSchemas(def.left, key, side, value),
        ...childSchemas(def.right, key, side, value),
      ];
    default:
      return [];
  }
}

/** Lists the keys that the object schemas among `schemas` declare. */
export function declaredKeys(
  schemas: readonly AnySchema[],
  side: SchemaSide,
  value?: unknown,
): string[] {
  const keys = new Set<string>();

  for (const schema of schemas) {
    const { base } = unwrapSchema(schema, side, value);
    const def = base._zod.def;
    if (def.type === 'object') {
      for (const key of Object.keys(def.shape)) {
        keys.add(key);
      }
    } else if (def.type === 'union') {
      const options = unionOptions(base as z.core.$ZodUnion, value);
      for (const key of declaredKeys(options, side, value)) {
        keys.add(key);
      }
    } else if (def.type === 'intersection') {
      for (const key of declaredKeys([def.left, def.right], side, value)) {
        keys.add(key);
      }
    }
  }
  return [...keys];
}

/**
 * Follows `path` through `schema` and the input value beside it. Returns
 * the schemas found at the end and whether a layer on the way is secret.
 */
export function schemasAtPath(
  schema: AnySchema,
  input: unknown,
  path: readonly PropertyKey[],
): { schemas: AnySchema[]; secret: boolean } {
  let schemas: AnySchema[] = [schema];
  let value = input;
  let secret = false;

  for (const key of path) {
    const current = value;
    if (schemas.some((s) => unwrapSchema(s, 'input', current).secret)) {
      secret = true;
    }
    const container = value;
    schemas = schemas.flatMap((s) => childSchemas(s, key, 'input', container));
    value = readChild(container, key);
  }

  const last = value;
  if (schemas.some((s) => unwrapSchema(s, 'input', last).secret)) {
    secret = true;
  }
  return { schemas, secret };
}

/** Reads the value at `path` below `root`, `undefined` when absent. */
export function readPath(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const key of path) {
    value = readChild(value, key);
  }
  return value;
}

/** Reads `value[key]` when `value` is an object or an array. */
export function readChild(value: unknown, key: PropertyKey): unknown {
  if (value === null || typeof value !== 'object') {
    return undefined;
  }
  return (value as Record<PropertyKey, unknown>)[key];
}

const secretReach = new WeakMap<AnySchema, boolean>();

/**
 * Tells whether a value of `schema` may hold a secret: the schema or one
 * below it is marked with `secret()`, or is a `dynamicSchema()`, which may
 * resolve to anything. Redaction skips the rest. The result is cached per
 * schema, so mark schemas with `secret()` before parsing with them.
 */
export function mayContainSecret(schema: AnySchema): boolean {
  const cached = secretReach.get(schema);
  if (cached !== undefined) {
    return cached;
  }

  // A recursive schema reaches itself again. Returning `true` meanwhile
  // keeps the walk finite and errs on the side of redacting.
  secretReach.set(schema, true);
  const reach = computeSecretReach(schema as z.core.$ZodTypes);
  secretReach.set(schema, reach);
  return reach;
}

function computeSecretReach(schema: z.core.$ZodTypes): boolean {
  if (isSecret(schema) || schemaResolver(schema) !== undefined) {
    return true;
  }

  const def = schema._zod.def;
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return mayContainSecret(def.innerType);
    case 'lazy':
      return mayContainSecret((schema as z.core.$ZodLazy)._zod.innerType);
    case 'pipe':
      return mayContainSecret(def.in) || mayContainSecret(def.out);
    case 'object':
      return (
        Object.values(def.shape).some(mayContainSecret) ||
        (def.catchall !== undefined && mayContainSecret(def.catchall))
      );
    case 'record':
    case 'map':
    case 'set':
      return mayContainSecret(def.valueType);
    case 'array':
      return mayContainSecret(def.element);
    case 'tuple':
      return (
        def.items.some(mayContainSecret) ||
        (def.rest !== null && mayContainSecret(def.rest))
      );
    case 'union':
      return def.options.some(mayContainSecret);
    case 'intersection':
      return mayContainSecret(def.left) || mayContainSecret(def.right);
    default:
      return false;
  }
}
