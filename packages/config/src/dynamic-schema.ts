import type { z } from 'zod';

/** Function that picks the schema describing one value, if it knows one. */
export type SchemaResolver = (value: unknown) => z.core.$ZodType | undefined;

const resolvers = new WeakMap<z.core.$ZodType, SchemaResolver>();

/**
 * Marks `schema` as checking values with a schema chosen at parse time
 * (for example in a `.transform()`), and tells redaction, "did you mean"
 * hints and error formatting how to find that schema from a value. Without
 * it, they cannot see inside such a schema, so its secrets would print.
 * Returns `schema`.
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
