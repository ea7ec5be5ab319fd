import { z } from 'zod';

/** Metadata stored for schemas whose values must never be printed. */
export interface SecretMeta {
  secret: true;
}

/**
 * Registry of schemas marked as secret. Redaction walks a config with its
 * schema and replaces every value whose schema is in this registry.
 */
export const secretRegistry = z.registry<SecretMeta>();

/** Marks a schema as secret (a token, a webhook URL, a routing key). */
export function secret<T extends z.ZodType>(schema: T): T {
  secretRegistry.add(schema, { secret: true });
  return schema;
}
