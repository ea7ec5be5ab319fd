import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { isSecret, secret } from '../src/index.js';

describe('secret', () => {
  test('marks the schema', () => {
    expect(isSecret(secret(z.string()))).toBe(true);
  });

  test('returns the same schema', () => {
    const schema = z.string();
    expect(secret(schema)).toBe(schema);
  });

  test('leaves other schemas unmarked', () => {
    expect(isSecret(z.string())).toBe(false);
  });

  test('survives cloning methods', () => {
    expect(isSecret(secret(z.string()).describe('token'))).toBe(true);
  });

  test('keeps parsing unchanged', () => {
    expect(secret(z.string().min(2)).safeParse('a').success).toBe(false);
  });
});
