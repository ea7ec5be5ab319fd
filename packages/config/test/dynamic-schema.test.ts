import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import {
  type ConfigError,
  dynamicSchema,
  parseConfig,
  secret,
} from '../src/index.js';

const schemas: Record<string, z.ZodType> = {
  sms: z
    .object({ type: z.literal('sms'), phone: secret(z.string().min(4)) })
    .strict(),
};

// A schema that checks each entry with the schema of its `type` inside a
// transform, the way user-registered destination types are validated.
const Entry = z.looseObject({ type: z.string() }).transform((value, ctx) => {
  const result = schemas[value.type]?.safeParse(value, { reportInput: true });
  if (result && !result.success) {
    for (const issue of result.error.issues) {
      ctx.addIssue({ ...issue } as never);
    }
    return z.NEVER;
  }
  return value;
});

const resolveEntry = (value: unknown) => {
  const type = (value as { type?: unknown }).type;
  return typeof type === 'string' ? schemas[type] : undefined;
};

const Config = z.object({
  entries: z.array(dynamicSchema(Entry, resolveEntry)),
});

function problemsOf(input: unknown) {
  try {
    parseConfig(Config, input);
  } catch (error) {
    return (error as ConfigError).problems;
  }
  return [];
}

describe('dynamicSchema', () => {
  test('returns the same schema', () => {
    const schema = z.string();
    expect(dynamicSchema(schema, () => undefined)).toBe(schema);
  });

  test('redacts resolved secrets', () => {
    const config = parseConfig(Config, {
      entries: [{ type: 'sms', phone: '+15550100' }],
    });
    expect(JSON.stringify(config)).toBe(
      '{"entries":[{"type":"sms","phone":"[redacted]"}]}',
    );
  });

  test('hides secrets in errors', () => {
    const [problem] = problemsOf({ entries: [{ type: 'sms', phone: '12' }] });
    expect(problem?.message).toBe(
      'expected at least 4 characters, received [redacted]',
    );
  });

  test('suggests resolved keys', () => {
    const [problem] = problemsOf({
      entries: [{ type: 'sms', phone: '+15550100', phnoe: 1 }],
    });
    expect(problem?.message).toBe('unknown key, did you mean "phone"?');
  });
});
