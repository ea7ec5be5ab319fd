import { z } from 'zod';
import {
  builtInDestinationSchemas,
  type DestinationConfigInput,
  type DestinationConfigOutput,
  destinationBaseShape,
} from './destination-config.js';
import { dynamicSchema } from './dynamic-schema.js';

/** Error raised when a destination type cannot be registered. */
export class DestinationSchemaError extends Error {
  /** Stable code: `DESTINATION_TYPE_EXISTS` or `INVALID_DESTINATION_TYPE`. */
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.name = 'DestinationSchemaError';
    this.code = code;
  }
}

const registered = new Map<string, z.ZodType>();

/**
 * Registers the config schema of a user destination type, so that
 * `AlertingConfig` validates `{ type, name, ...fields }` with it exactly as
 * it validates a built-in type. `schema` declares the type's own fields; the
 * shared ones (`name`, `rateLimit`, `timeout`) are added. Returns a function
 * that removes the registration.
 */
export function registerDestinationSchema(
  type: string,
  schema: z.ZodObject,
): () => void {
  if (!/^[a-z][a-z0-9-]*$/.test(type)) {
    throw new DestinationSchemaError(
      'INVALID_DESTINATION_TYPE',
      `destination type ${JSON.stringify(type)} is invalid; use lower-case letters, digits and dashes, starting with a letter`,
    );
  }
  if (type in builtInDestinationSchemas || registered.has(type)) {
    throw new DestinationSchemaError(
      'DESTINATION_TYPE_EXISTS',
      `destination type "${type}" is already registered; pick another type name or call the function returned by the first registration to remove it`,
    );
  }

  const full = schema
    .extend({ type: z.literal(type), ...destinationBaseShape })
    .strict();
  registered.set(type, full);
  return () => {
    if (registered.get(type) === full) {
      registered.delete(type);
    }
  };
}

/** Returns the schema of a destination type, built in or registered. */
export function getDestinationSchema(type: string): z.ZodType | undefined {
  const builtIn = (builtInDestinationSchemas as Record<string, z.ZodType>)[
    type
  ];
  return builtIn ?? registered.get(type);
}

/** Lists the destination types known now, built in first. */
export function listDestinationTypes(): string[] {
  return [...Object.keys(builtInDestinationSchemas), ...registered.keys()];
}

/**
 * Schema of one entry of `destinations`. It looks the entry's `type` up at
 * parse time, so types registered after this module loaded are accepted.
 * Through `dynamicSchema()` it gives redaction the schema, secrets
 * included, that describes each entry.
 */
export const DestinationConfig = dynamicSchema(
  z
    .looseObject({ type: z.string(), name: z.string() })
    .transform((value, ctx) => {
      const schema = getDestinationSchema(value.type);
      if (!schema) {
        ctx.addIssue({
          code: 'custom',
          path: ['type'],
          input: value.type,
          message: `unknown destination type "${value.type}"; expected one of ${listDestinationTypes().join(', ')}, or register it with registerDestinationSchema()`,
        });
        return z.NEVER;
      }

      const result = schema.safeParse(value);
      if (!result.success) {
        for (const issue of result.error.issues) {
          ctx.addIssue({ ...issue } as never);
        }
        return z.NEVER;
      }
      return result.data as DestinationConfigOutput;
    }),
  (value) => {
    const type = (value as { type?: unknown } | null)?.type;
    return typeof type === 'string' ? getDestinationSchema(type) : undefined;
  },
) as unknown as z.ZodType<DestinationConfigOutput, DestinationConfigInput>;
