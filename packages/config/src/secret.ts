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

/**
 * Marks a schema as secret (a token, a webhook URL, a routing key), so
 * `redactConfig`, `ConfigError` and the printed form of a parsed config
 * show `[redacted]` in place of its value. Wrappers added afterwards
 * (`.optional()`, `.default()`) and clones (`.describe()`) keep the mark.
 */
export function secret<T extends z.ZodType>(schema: T): T {
  secretRegistry.add(schema, { secret: true });
  return schema;
}

/**
 * Tells whether `schema` itself was marked with `secret()`, either directly
 * or as a clone of a marked schema. Wrappers are not looked through.
 */
export function isSecret(schema: z.core.$ZodType): boolean {
  return secretRegistry.get(schema)?.secret === true;
}
