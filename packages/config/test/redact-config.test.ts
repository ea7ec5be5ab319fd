import { inspect } from 'node:util';
import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import {
  dynamicSchema,
  parseConfig,
  REDACTED,
  redactConfig,
  secret,
} from '../src/index.js';

const Destination = z.discriminatedUnion('type', [
  z.object({ type: z.literal('console') }).strict(),
  z.object({ type: z.literal('slack'), url: secret(z.url()) }).strict(),
  z
    .object({ type: z.literal('pagerduty'), routingKey: secret(z.string()) })
    .strict(),
]);

const Alerting = z
  .object({
    token: secret(z.string()).optional(),
    headers: secret(z.record(z.string(), z.string())).default({}),
    destinations: z.array(Destination).default([]),
    name: z.string().default('alerts'),
  })
  .strict();

const input = {
  token: 'tok-123',
  headers: { authorization: 'Bearer abc' },
  destinations: [
    { type: 'console' },
    { type: 'slack', url: 'https://hooks.slack.test/T000/B000/xyz' },
    { type: 'pagerduty', routingKey: 'rk-456' },
  ],
};

describe('redactConfig', () => {
  test('replaces marked values', () => {
    const config = parseConfig(Alerting, input);
    expect(redactConfig(Alerting, config)).toEqual({
      token: REDACTED,
      headers: REDACTED,
      destinations: [
        { type: 'console' },
        { type: 'slack', url: REDACTED },
        { type: 'pagerduty', routingKey: REDACTED },
      ],
      name: 'alerts',
    });
  });

  test('leaves the config readable', () => {
    const config = parseConfig(Alerting, input);
    redactConfig(Alerting, config);
    expect(config.token).toBe('tok-123');
  });

  test('keeps absent secrets absent', () => {
    const config = parseConfig(Alerting, {});
    expect(redactConfig(Alerting, config)).toEqual({
      headers: REDACTED,
      destinations: [],
      name: 'alerts',
    });
  });

  test('shares parts without secrets', () => {
    const Plain = z.object({ a: z.object({ b: z.number() }) });
    const value = { a: { b: 1 } };
    expect(redactConfig(Plain, value)).toBe(value);
  });

  test('keeps mark through wrappers', () => {
    const Wrapped = z.object({
      key: secret(z.string()).min(1).optional().default('k'),
    });
    expect(redactConfig(Wrapped, { key: 'x' })).toEqual({ key: REDACTED });
  });

  test('follows dynamic schemas', () => {
    const Inner = z.object({ key: secret(z.string()) });
    const Outer = dynamicSchema(
      z.looseObject({}).transform((v) => v),
      () => Inner,
    );
    expect(redactConfig(Outer, { key: 'x' })).toEqual({ key: REDACTED });
  });
});

describe('parsed config printing', () => {
  const config = parseConfig(Alerting, input);

  test('redacts JSON.stringify', () => {
    const text = JSON.stringify(config);
    expect(text).not.toContain('tok-123');
    expect(text).not.toContain('xyz');
    expect(text).not.toContain('rk-456');
    expect(text).not.toContain('Bearer');
  });

  test('redacts util.inspect', () => {
    const text = inspect(config, { depth: 10 });
    expect(text).not.toContain('tok-123');
    expect(text).toContain(REDACTED);
  });

  test('redacts nested objects', () => {
    const text = JSON.stringify(config.destinations[1]);
    expect(text).toBe('{"type":"slack","url":"[redacted]"}');
  });

  test('redacts nested arrays', () => {
    const text = inspect(config.destinations);
    expect(text).not.toContain('rk-456');
  });

  test('hides the added methods', () => {
    expect(Object.keys(config)).toEqual([
      'token',
      'headers',
      'destinations',
      'name',
    ]);
  });

  test('prints plain parts unchanged', () => {
    expect(JSON.stringify(config.destinations[0])).toBe('{"type":"console"}');
  });
});
