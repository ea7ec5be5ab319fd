import type { z } from 'zod';

/** Function that returns the schema of one value, or `undefined`. */
export type SchemaResolver = (value: unknown) => z.core.$ZodType | undefined;

const resolvers = new WeakMap<z.core.$ZodType, SchemaResolver>();

/**
 * Registers how to find the schema that `schema` picks at parse time (for
 * example inside a `.transform()`) from a value. Redaction, "did you mean"
 * hints and error formatting follow it. Without it they cannot see inside
 * such a schema, so its secrets would print. Returns `schema`.
 */
export function dynamicSchema<T extends z.core.$ZodType>(
  schema: T,
  resolve: SchemaResolver,
): T {
  resolvers.set(schema, resolve);
  return schema;
}

/** Returns the resolver that `dynamicSchema()` set on `schema`, if any. */
export function schemaResolver(
  schema: z.core.$ZodType,
): SchemaResolver | undefined {
  return resolvers.get(schema);
}
