import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { ConfigError, durationMs, parseConfig, secret } from '../src/index.js';

const Server = z
  .object({
    host: z.string().default('127.0.0.1'),
    port: z.number().int().min(0).max(65_535).default(8080),
    url: z.url().optional(),
    timeout: durationMs().default(1_000),
    tags: z.array(z.string()).default([]),
    labels: z.record(z.string(), z.string()).default({}),
  })
  .strict();

function problemsOf(run: () => unknown) {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

describe('parseConfig', () => {
  test('applies defaults', () => {
    expect(parseConfig(Server, {})).toEqual({
      host: '127.0.0.1',
      port: 8080,
      timeout: 1_000,
      tags: [],
      labels: {},
    });
  });

  test('returns typed output', () => {
    const config = parseConfig(Server, { port: 9000, timeout: '2s' });
    const port: number = config.port;
    expect(port).toBe(9000);
    expect(config.timeout).toBe(2_000);
  });

  test('reports wrong type', () => {
    const [problem] = problemsOf(() => parseConfig(Server, { port: 'x' }));
    expect(problem).toEqual({
      code: 'invalid_type',
      path: ['port'],
      expected: 'a number',
      received: '"x"',
      message: 'expected a number, received "x"',
      source: undefined,
    });
  });

  test('reports out of range', () => {
    const [problem] = problemsOf(() => parseConfig(Server, { port: 70_000 }));
    expect(problem?.code).toBe('out_of_range');
    expect(problem?.message).toBe('expected a number <= 65535, received 70000');
  });

  test('reports integer expected', () => {
    const [problem] = problemsOf(() => parseConfig(Server, { port: 1.5 }));
    expect(problem?.message).toBe('expected an integer, received 1.5');
  });

  test('reports unknown key suggestion', () => {
    const [problem] = problemsOf(() => parseConfig(Server, { prot: 1 }));
    expect(problem?.code).toBe('unknown_key');
    expect(problem?.path).toEqual(['prot']);
    expect(problem?.message).toBe('unknown key, did you mean "port"?');
  });

  test('lists known keys otherwise', () => {
    const [problem] = problemsOf(() => parseConfig(Server, { zzz: 1 }));
    expect(problem?.message).toBe(
      'unknown key, expected one of host, port, url, timeout, tags, labels',
    );
  });

  test('reports bad URL', () => {
    const [problem] = problemsOf(() => parseConfig(Server, { url: 'nope' }));
    expect(problem?.code).toBe('invalid_format');
    expect(problem?.message).toBe('expected a URL, received "nope"');
  });

  test('reports bad duration', () => {
    const [problem] = problemsOf(() =>
      parseConfig(Server, { timeout: '5 minutes' }),
    );
    expect(problem?.expected).toBe(
      'a duration such as 500 (ms), "30s" or "5m"',
    );
    expect(problem?.message).toBe(
      'expected a duration such as 500 (ms), "30s" or "5m", received "5 minutes"',
    );
  });

  test('reports duration wrong type', () => {
    const [problem] = problemsOf(() => parseConfig(Server, { timeout: true }));
    expect(problem?.message).toBe(
      'expected a duration such as 500 (ms), "30s" or "5m", received true',
    );
  });

  test('reports missing required value', () => {
    const Named = z.object({ name: z.string() }).strict();
    const [problem] = problemsOf(() => parseConfig(Named, {}));
    expect(problem?.message).toBe('missing required value, expected a string');
    expect(problem?.received).toBeUndefined();
  });

  test('lists every problem', () => {
    const problems = problemsOf(() =>
      parseConfig(Server, { port: 'x', url: 'nope', prot: 1, tags: [1, 2] }),
    );
    expect(problems.map((p) => p.path)).toEqual([
      ['port'],
      ['url'],
      ['tags', 0],
      ['tags', 1],
      ['prot'],
    ]);
  });

  test('names the source', () => {
    const [problem] = problemsOf(() =>
      parseConfig(Server, { port: 'x' }, { source: 'Server options' }),
    );
    expect(problem?.source).toBe('Server options');
  });

  test('rejects non-object root', () => {
    const [problem] = problemsOf(() => parseConfig(Server, 'text'));
    expect(problem?.message).toBe('expected an object, received "text"');
  });

  test('keeps custom refine messages', () => {
    const Range = z
      .object({ min: z.number(), max: z.number() })
      .strict()
      .refine((r) => r.min <= r.max, {
        message: 'min must not exceed max',
        path: ['min'],
      });
    const [problem] = problemsOf(() => parseConfig(Range, { min: 2, max: 1 }));
    expect(problem?.message).toBe('min must not exceed max, received 2');
  });
});

describe('parseConfig unknown keys', () => {
  test('rejects keys of plain objects', () => {
    const Plain = z.object({ enabled: z.boolean().default(true) });
    const [problem] = problemsOf(() => parseConfig(Plain, { enabeld: false }));
    expect(problem?.message).toBe('unknown key, did you mean "enabled"?');
  });

  test('accepts keys of loose objects', () => {
    const Loose = z.looseObject({ a: z.number().default(1) });
    expect(parseConfig(Loose, { b: 2 })).toEqual({ a: 1, b: 2 });
  });

  test('ignores case in suggestions', () => {
    const [problem] = problemsOf(() => parseConfig(Server, { HOST: 'x' }));
    expect(problem?.message).toBe('unknown key, did you mean "host"?');
  });

  test('finds keys in nested arrays', () => {
    const List = z.object({
      items: z.array(z.object({ name: z.string() })),
    });
    const [problem] = problemsOf(() =>
      parseConfig(List, { items: [{ name: 'a' }, { name: 'b', nmae: 'c' }] }),
    );
    expect(problem?.path).toEqual(['items', 1, 'nmae']);
    expect(problem?.message).toBe('unknown key, did you mean "name"?');
  });
});

describe('parseConfig unions', () => {
  const Exporter = z.discriminatedUnion('type', [
    z.object({ type: z.literal('memory') }).strict(),
    z
      .object({
        type: z.literal('otlp-http'),
        url: z.url(),
        timeout: durationMs().default(10_000),
      })
      .strict(),
  ]);
  const Tracing = z
    .object({ exporter: Exporter.default({ type: 'memory' }) })
    .strict();

  test('applies union default', () => {
    expect(parseConfig(Tracing, {})).toEqual({ exporter: { type: 'memory' } });
  });

  test('suggests discriminator value', () => {
    const [problem] = problemsOf(() =>
      parseConfig(Tracing, { exporter: { type: 'otlp-htp' } }),
    );
    expect(problem?.path).toEqual(['exporter', 'type']);
    expect(problem?.message).toBe(
      'expected one of "memory", "otlp-http", received "otlp-htp", did you mean "otlp-http"?',
    );
  });

  test('reports field of chosen option', () => {
    const [problem] = problemsOf(() =>
      parseConfig(Tracing, { exporter: { type: 'otlp-http', url: 'x' } }),
    );
    expect(problem?.path).toEqual(['exporter', 'url']);
    expect(problem?.message).toBe('expected a URL, received "x"');
  });

  test('suggests keys of chosen option', () => {
    const [problem] = problemsOf(() =>
      parseConfig(Tracing, {
        exporter: { type: 'otlp-http', url: 'http://x', timout: 1 },
      }),
    );
    expect(problem?.message).toBe('unknown key, did you mean "timeout"?');
  });

  test('joins plain union types', () => {
    const Either = z.object({ value: z.union([z.number(), z.boolean()]) });
    const [problem] = problemsOf(() => parseConfig(Either, { value: 'x' }));
    expect(problem?.message).toBe(
      'expected a number or a boolean, received "x"',
    );
  });

  test('picks closest union option', () => {
    const Either = z.object({
      value: z.union([z.number(), z.object({ a: z.number() }).strict()]),
    });
    const [problem] = problemsOf(() =>
      parseConfig(Either, { value: { a: 'x' } }),
    );
    expect(problem?.path).toEqual(['value', 'a']);
    expect(problem?.message).toBe('expected a number, received "x"');
  });

  test('suggests enum value', () => {
    const Level = z.object({ level: z.enum(['debug', 'info', 'warn']) });
    const [problem] = problemsOf(() => parseConfig(Level, { level: 'wran' }));
    expect(problem?.message).toBe(
      'expected one of "debug", "info", "warn", received "wran", did you mean "warn"?',
    );
  });
});

describe('parseConfig schema kinds', () => {
  test('applies prefault through defaults', () => {
    const Inner = z.object({ size: z.number().default(3) }).strict();
    const Outer = z.object({ inner: Inner.prefault({}) }).strict();
    expect(parseConfig(Outer, {})).toEqual({ inner: { size: 3 } });
  });

  test('reports record value path', () => {
    const Labels = z.object({ labels: z.record(z.string(), z.string()) });
    const [problem] = problemsOf(() =>
      parseConfig(Labels, { labels: { region: 1 } }),
    );
    expect(problem?.path).toEqual(['labels', 'region']);
  });

  test('reports record key problem', () => {
    const Labels = z.record(z.string().regex(/^[a-z]+$/), z.string());
    const [problem] = problemsOf(() => parseConfig(Labels, { Bad: 'x' }));
    expect(problem?.path).toEqual(['Bad']);
    expect(problem?.message).toBe(
      'invalid key, expected a string matching /^[a-z]+$/, received "Bad"',
    );
  });

  test('runs transforms', () => {
    const Upper = z.object({
      name: z.string().transform((s) => s.toUpperCase()),
    });
    expect(parseConfig(Upper, { name: 'a' })).toEqual({ name: 'A' });
  });

  test('reports string length', () => {
    const Token = z.object({ token: z.string().min(8) });
    const [problem] = problemsOf(() => parseConfig(Token, { token: 'abc' }));
    expect(problem?.message).toBe(
      'expected at least 8 characters, received "abc"',
    );
  });

  test('reports array size', () => {
    const Buckets = z.object({ buckets: z.array(z.number()).min(1) });
    const [problem] = problemsOf(() => parseConfig(Buckets, { buckets: [] }));
    expect(problem?.message).toBe(
      'expected at least 1 item, received an array of 0 items',
    );
  });

  test('hides secret received values', () => {
    const Hook = z.object({ url: secret(z.url()) }).strict();
    const [problem] = problemsOf(() =>
      parseConfig(Hook, { url: 'token-abc123' }),
    );
    expect(problem?.message).toBe('expected a URL, received [redacted]');
  });

  test('returns nothing half valid', () => {
    let result: unknown = 'untouched';
    try {
      result = parseConfig(Server, { host: 'ok', port: -1 });
    } catch {
      // The assertion below checks that nothing was assigned.
    }
    expect(result).toBe('untouched');
  });
});

describe('parseConfig custom issues', () => {
  const Kind = z.object({
    kind: z.string().superRefine((value, ctx) => {
      if (value !== 'alpha' && value !== 'beta') {
        ctx.addIssue({
          code: 'custom',
          message: 'unknown kind',
          params: { expected: 'alpha or beta', values: ['alpha', 'beta'] },
        });
      }
    }),
  });

  test('formats params.expected', () => {
    const [problem] = problemsOf(() => parseConfig(Kind, { kind: 'gamma' }));
    expect(problem?.message).toBe('expected alpha or beta, received "gamma"');
  });

  test('suggests params.values', () => {
    const [problem] = problemsOf(() => parseConfig(Kind, { kind: 'alpah' }));
    expect(problem?.message).toBe(
      'expected alpha or beta, received "alpah", did you mean "alpha"?',
    );
  });
});
