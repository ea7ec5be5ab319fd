import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { coerceEnvValue } from '../src/coerce-env-value.js';
import { durationMs } from '../src/index.js';

function coerce(schema: z.ZodType, text: string) {
  return coerceEnvValue([schema], text);
}

describe('coerceEnvValue', () => {
  test.each<[string, z.ZodType, string, unknown]>([
    ['number', z.number(), '42', 42],
    ['number', z.number(), '-1.5e2', -150],
    ['number', z.number(), 'x', 'x'],
    ['optional int', z.number().int().optional(), '7', 7],
    ['boolean', z.boolean(), 'true', true],
    ['boolean', z.boolean(), 'OFF', false],
    ['boolean', z.boolean(), '0', false],
    ['boolean', z.boolean(), 'maybe', 'maybe'],
    ['string', z.string(), '42', '42'],
    ['nullable string', z.string().nullable(), 'null', 'null'],
    ['nullable number', z.number().nullable(), 'null', null],
    ['number literal', z.literal(0), '0', 0],
    ['enum', z.enum(['a', 'b']), 'a', 'a'],
    ['duration', durationMs(), '30s', '30s'],
    ['duration', durationMs(), '250', 250],
    ['duration', durationMs(), 'soon', 'soon'],
    ['string or number', z.union([z.string(), z.number()]), '5', '5'],
    ['boolean or number', z.union([z.boolean(), z.number()]), '5', 5],
  ])('coerces %s from %j', (_kind, schema, text, expected) => {
    expect(coerce(schema, text)).toEqual(expected);
  });

  test('splits comma lists', () => {
    expect(coerce(z.array(z.number()), '1, 2,3')).toEqual([1, 2, 3]);
  });

  test('parses JSON arrays', () => {
    expect(coerce(z.array(z.string()), '["a,b"]')).toEqual(['a,b']);
  });

  test('reads empty lists', () => {
    expect(coerce(z.array(z.string()), '')).toEqual([]);
  });

  test('keeps converted invalid lists', () => {
    expect(coerce(z.array(z.number()), '1,x')).toEqual([1, 'x']);
  });

  test('parses JSON objects', () => {
    const schema = z.record(z.string(), z.number());
    expect(coerce(schema, '{"a":1}')).toEqual({ a: 1 });
  });

  test('keeps broken JSON text', () => {
    const schema = z.object({ a: z.number() });
    expect(coerce(schema, '{"a":')).toBe('{"a":');
  });

  test('keeps text without schema', () => {
    expect(coerceEnvValue([], '42')).toBe('42');
  });

  test('coerces tuple items', () => {
    const schema = z.tuple([z.string(), z.number()]);
    expect(coerce(schema, 'a,1')).toEqual(['a', 1]);
  });
});
