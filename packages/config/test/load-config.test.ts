// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings are
// configuration text whose ${VAR} placeholders are under test.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { z } from 'zod';
import { ConfigError, durationMs, loadConfig, secret } from '../src/index.js';

const directory = mkdtempSync(join(tmpdir(), 'mmorch-config-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

let fileCount = 0;
function writeConfig(extension: string, text: string): string {
  fileCount += 1;
  const file = join(directory, `config-${fileCount}.${extension}`);
  writeFileSync(file, text);
  return file;
}

const Destination = z.discriminatedUnion('type', [
  z.object({ type: z.literal('console'), name: z.string() }).strict(),
  z
    .object({
      type: z.literal('webhook'),
      name: z.string(),
      url: secret(z.url()),
    })
    .strict(),
]);

const App = z
  .object({
    server: z
      .object({
        host: z.string().default('127.0.0.1'),
        port: z.number().int().min(0).max(65_535).default(8080),
        timeout: durationMs().default(30_000),
        verbose: z.boolean().default(false),
      })
      .strict()
      .prefault({}),
    tracing: z
      .object({
        serviceName: z.string().default('app'),
        sampleRatio: z.number().min(0).max(1).default(1),
      })
      .strict()
      .prefault({}),
    labels: z.record(z.string(), z.string()).default({}),
    buckets: z.array(z.number()).default([1, 2]),
    destinations: z.array(Destination).default([]),
  })
  .strict();

function errorOf(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) {
      return error;
    }
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig files', () => {
  const yaml = `
server:
  port: 9000
  timeout: 5s
tracing:
  serviceName: shop
destinations:
  - type: webhook
    name: hook
    url: https://hooks.example/abc
`;
  const json = JSON.stringify({
    server: { port: 9000, timeout: '5s' },
    tracing: { serviceName: 'shop' },
    destinations: [
      { type: 'webhook', name: 'hook', url: 'https://hooks.example/abc' },
    ],
  });

  test('reads YAML file', () => {
    const config = loadConfig(App, {
      file: writeConfig('yaml', yaml),
      env: {},
    });
    expect(config.server).toEqual({
      host: '127.0.0.1',
      port: 9000,
      timeout: 5_000,
      verbose: false,
    });
  });

  test('matches YAML and JSON', () => {
    const fromYaml = loadConfig(App, {
      file: writeConfig('yml', yaml),
      env: {},
    });
    const fromJson = loadConfig(App, {
      file: writeConfig('json', json),
      env: {},
    });
    expect(fromJson).toEqual(fromYaml);
  });

  test('matches errors across formats', () => {
    const bad = { server: { port: 'x', prot: 1 } };
    const yamlError = errorOf(() =>
      loadConfig(App, {
        file: writeConfig('yaml', 'server:\n  port: x\n  prot: 1\n'),
        env: {},
      }),
    );
    const jsonError = errorOf(() =>
      loadConfig(App, {
        file: writeConfig('json', JSON.stringify(bad)),
        env: {},
      }),
    );
    const strip = (e: ConfigError) =>
      e.problems.map(({ source: _source, ...rest }) => rest);
    expect(strip(jsonError)).toEqual(strip(yamlError));
  });

  test('accepts empty file', () => {
    const config = loadConfig(App, { file: writeConfig('yaml', ''), env: {} });
    expect(config.server.port).toBe(8080);
  });

  test('reads file from MMORCH_CONFIG', () => {
    const file = writeConfig('yaml', 'server:\n  port: 9100\n');
    const config = loadConfig(App, { env: { MMORCH_CONFIG: file } });
    expect(config.server.port).toBe(9100);
  });

  test('points at the file line', () => {
    const file = writeConfig('yaml', 'server:\n  host: a\n  port: x\n');
    const error = errorOf(() => loadConfig(App, { file, env: {} }));
    expect(error.problems[0]?.source).toBe(`${file}:3:9`);
  });

  test('points at JSON lines', () => {
    const file = writeConfig(
      'json',
      '{\n  "server": {\n    "port": "x"\n  }\n}\n',
    );
    const error = errorOf(() => loadConfig(App, { file, env: {} }));
    expect(error.problems[0]?.source).toBe(`${file}:3:13`);
  });
});

describe('loadConfig file errors', () => {
  test('rejects missing file', () => {
    const file = join(directory, 'absent.yaml');
    const error = errorOf(() => loadConfig(App, { file, env: {} }));
    expect(error.code).toBe('CONFIG_FILE_NOT_READABLE');
    expect(error.message.replace(file, '<file>')).toMatchInlineSnapshot(`
      "Cannot read configuration file from <file> (1 problem):
        - (root): cannot read the file (ENOENT)
      Check that the file exists and is readable, or pass another path."
    `);
  });

  test('rejects unknown extension', () => {
    const file = writeConfig('toml', 'a = 1');
    const error = errorOf(() => loadConfig(App, { file, env: {} }));
    expect(error.code).toBe('CONFIG_FILE_UNSUPPORTED');
  });

  test('lists YAML syntax errors', () => {
    const file = writeConfig('yaml', 'server:\n  port: 1\n  port: 2\n');
    const error = errorOf(() => loadConfig(App, { file, env: {} }));
    expect(error.code).toBe('CONFIG_FILE_SYNTAX');
    expect(error.message.replaceAll(file, '<file>')).toMatchInlineSnapshot(`
      "Invalid syntax in configuration file from <file> (1 problem):
        - (root): invalid YAML, Map keys must be unique (<file>:3:3)
      Fix the syntax at the positions listed above."
    `);
  });

  test('rejects JSON syntax', () => {
    const file = writeConfig('json', '{ "server": ');
    const error = errorOf(() => loadConfig(App, { file, env: {} }));
    expect(error.code).toBe('CONFIG_FILE_SYNTAX');
  });

  test('hides JSON text in errors', () => {
    const text = '{ "server": { "host": s3cr3t-token } }';
    const file = writeConfig('json', text);
    const error = errorOf(() => loadConfig(App, { file, env: {} }));
    expect(error.message).not.toContain('s3cr3t');
  });

  test('points at JSON syntax errors', () => {
    const file = writeConfig(
      'json',
      '{\n  "server": {\n    "port": 1,\n  }\n}',
    );
    const error = errorOf(() => loadConfig(App, { file, env: {} }));
    expect(error.problems[0]?.source).toBe(`${file}:4:3`);
  });

  test('accepts JSON with byte order mark', () => {
    const file = writeConfig('json', '\uFEFF{ "server": { "port": 5 } }');
    expect(loadConfig(App, { file, env: {} }).server.port).toBe(5);
  });

  test('reports excessive YAML aliases', () => {
    // Each level repeats the previous one ten times: 10,000 leaves in all.
    const names = ['a', 'b', 'c', 'd'];
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (const [index, name] of names.entries()) {
      if (index > 0) {
        const items = Array(10)
          .fill(`*${names[index - 1]}`)
          .join(', ');
        lines.push(`${name}: &${name} [${items}]`);
      }
    }
    const file = writeConfig('yaml', lines.join('\n'));
    const error = errorOf(() => loadConfig(App, { file, env: {} }));
    expect(error.code).toBe('CONFIG_FILE_SYNTAX');
  });
});

describe('loadConfig environment', () => {
  test('coerces variables to schema types', () => {
    const config = loadConfig(App, {
      env: {
        MMORCH_SERVER__PORT: '9200',
        MMORCH_SERVER__VERBOSE: 'true',
        MMORCH_SERVER__TIMEOUT: '2m',
        MMORCH_TRACING__SAMPLE_RATIO: '0.5',
        MMORCH_BUCKETS: '0.1, 0.5, 1',
      },
    });
    expect(config.server.port).toBe(9200);
    expect(config.server.verbose).toBe(true);
    expect(config.server.timeout).toBe(120_000);
    expect(config.tracing.sampleRatio).toBe(0.5);
    expect(config.buckets).toEqual([0.1, 0.5, 1]);
  });

  test('reads numeric durations in unit', () => {
    const config = loadConfig(App, { env: { MMORCH_SERVER__TIMEOUT: '250' } });
    expect(config.server.timeout).toBe(250);
  });

  test('accepts JSON arrays', () => {
    const config = loadConfig(App, { env: { MMORCH_BUCKETS: '[3,4]' } });
    expect(config.buckets).toEqual([3, 4]);
  });

  test('matches camelCase segments', () => {
    const config = loadConfig(App, {
      env: {
        MMORCH_TRACING__SERVICE_NAME: 'a',
        MMORCH_TRACING__SAMPLERATIO: '0',
      },
    });
    expect(config.tracing.serviceName).toBe('a');
    expect(config.tracing.sampleRatio).toBe(0);
  });

  test('keeps record keys verbatim', () => {
    const config = loadConfig(App, { env: { MMORCH_LABELS__region: 'eu' } });
    expect(config.labels).toEqual({ region: 'eu' });
  });

  test('beats the file', () => {
    const file = writeConfig('yaml', 'server:\n  port: 9000\n  host: a\n');
    const config = loadConfig(App, {
      file,
      env: { MMORCH_SERVER__PORT: '9300' },
    });
    expect(config.server.port).toBe(9300);
    expect(config.server.host).toBe('a');
  });

  test('patches file array items', () => {
    const file = writeConfig(
      'yaml',
      'destinations:\n  - type: webhook\n    name: a\n    url: http://old\n',
    );
    const config = loadConfig(App, {
      file,
      env: { MMORCH_DESTINATIONS__0__URL: 'http://new' },
    });
    expect(config.destinations).toEqual([
      { type: 'webhook', name: 'a', url: 'http://new' },
    ]);
  });

  test('names the variable', () => {
    const error = errorOf(() =>
      loadConfig(App, { env: { MMORCH_SERVER__PORT: 'eighty' } }),
    );
    expect(error.problems[0]).toMatchObject({
      path: ['server', 'port'],
      message: 'expected a number, received "eighty"',
      source: 'env MMORCH_SERVER__PORT',
    });
  });

  test('reports unknown variable', () => {
    const error = errorOf(() =>
      loadConfig(App, { env: { MMORCH_SERVER__PROT: '1' } }),
    );
    expect(error.problems[0]).toMatchObject({
      path: ['server', 'prot'],
      message: 'unknown key, did you mean "port"?',
      source: 'env MMORCH_SERVER__PROT',
    });
  });

  test('rejects empty segments', () => {
    const error = errorOf(() =>
      loadConfig(App, { env: { MMORCH_SERVER___PORT: '1' } }),
    );
    expect(error.problems[0]?.code).toBe('invalid_format');
  });

  test('rejects an index past the end', () => {
    // A sparse array this long would take minutes and gigabytes to check.
    const error = errorOf(() =>
      loadConfig(App, { env: { MMORCH_BUCKETS__99999999: '1' } }),
    );
    expect(error.problems).toHaveLength(1);
  });

  test('names the last valid index', () => {
    const file = writeConfig('yaml', 'buckets: [1, 2]\n');
    const error = errorOf(() =>
      loadConfig(App, { file, env: { MMORCH_BUCKETS__9: '1' } }),
    );
    expect(error.problems[0]?.message).toBe(
      'index 9 is past the end of buckets, which has 2 items, use an index from 0 to 2',
    );
  });

  test('appends items by index', () => {
    const file = writeConfig('yaml', 'buckets: [1, 2]\n');
    const config = loadConfig(App, {
      file,
      env: { MMORCH_BUCKETS__2: '3', MMORCH_BUCKETS__3: '4' },
    });
    expect(config.buckets).toEqual([1, 2, 3, 4]);
  });

  test('uses a custom prefix', () => {
    const config = loadConfig(App, {
      env: { APP_SERVER__PORT: '1', MMORCH_SERVER__PORT: '2' },
      envPrefix: 'APP_',
    });
    expect(config.server.port).toBe(1);
  });

  test('ignores other variables', () => {
    const config = loadConfig(App, { env: { PATH: '/bin', HOME: '/root' } });
    expect(config.server.port).toBe(8080);
  });
});

describe('loadConfig overrides', () => {
  test('beat the environment', () => {
    const config = loadConfig(App, {
      env: { MMORCH_SERVER__PORT: '9300' },
      overrides: { server: { port: 9400 } },
    });
    expect(config.server.port).toBe(9400);
  });

  test('replace arrays whole', () => {
    const file = writeConfig('yaml', 'buckets: [1, 2, 3]\n');
    const config = loadConfig(App, {
      file,
      env: {},
      overrides: { buckets: [9] },
    });
    expect(config.buckets).toEqual([9]);
  });

  test('are named as source', () => {
    const error = errorOf(() =>
      loadConfig(App, { env: {}, overrides: { server: { port: -1 } } }),
    );
    expect(error.problems[0]?.source).toBe('overrides');
  });
});

describe('loadConfig interpolation', () => {
  test('replaces variables', () => {
    const file = writeConfig('yaml', 'tracing:\n  serviceName: ${NAME}-api\n');
    const config = loadConfig(App, { file, env: { NAME: 'shop' } });
    expect(config.tracing.serviceName).toBe('shop-api');
  });

  test('reports missing variable', () => {
    const file = writeConfig(
      'yaml',
      'destinations:\n  - type: webhook\n    name: a\n    url: ${HOOK_URL}\n',
    );
    const error = errorOf(() => loadConfig(App, { file, env: {} }));
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]).toMatchObject({
      code: 'missing_variable',
      path: ['destinations', 0, 'url'],
      source: `${file}:4:10`,
    });
  });

  test('interpolates before coercion', () => {
    const config = loadConfig(App, {
      env: { PORT: '7000', MMORCH_SERVER__PORT: '${PORT}' },
    });
    expect(config.server.port).toBe(7000);
  });

  test('interpolates numbers from file', () => {
    const file = writeConfig('yaml', 'server:\n  timeout: ${TIMEOUT}\n');
    const config = loadConfig(App, { file, env: { TIMEOUT: '3s' } });
    expect(config.server.timeout).toBe(3_000);
  });
});

describe('loadConfig errors', () => {
  test('formats every source', () => {
    const file = writeConfig(
      'yaml',
      [
        'server:',
        '  port: 70000',
        '  prot: 1',
        'destinations:',
        '  - type: webhook',
        '    name: a',
        '    url: not-a-url/token=abc',
        '  - type: consol',
        '    name: b',
        'tracing:',
        '  serviceName: ${SERVICE}',
        '',
      ].join('\n'),
    );
    const error = errorOf(() =>
      loadConfig(App, {
        file,
        env: { MMORCH_SERVER__TIMEOUT: 'soon' },
        overrides: { tracing: { sampleRatio: 2 } },
      }),
    );
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message.replaceAll(file, 'app.yaml')).toMatchInlineSnapshot(`
      "Invalid configuration from app.yaml (7 problems):
        - tracing.serviceName: environment variable SERVICE is not set, set it or write \${SERVICE:-fallback} (app.yaml:11:16)
        - server.port: expected a number <= 65535, received 70000 (app.yaml:2:9)
        - server.timeout: expected a duration such as 500 (ms), "30s" or "5m", received "soon" (env MMORCH_SERVER__TIMEOUT)
        - server.prot: unknown key, did you mean "port"? (app.yaml:3:9)
        - tracing.sampleRatio: expected a number <= 1, received 2 (overrides)
        - destinations[0].url: expected a URL, received [redacted] (app.yaml:7:10)
        - destinations[1].type: expected one of "console", "webhook", received "consol", did you mean "console"? (app.yaml:8:11)
      Fix each value listed above, then load the configuration again."
    `);
  });
});

describe('loadConfig interpolated types', () => {
  test('converts placeholders to numbers', () => {
    const file = writeConfig('yaml', 'server:\n  port: ${PORT}\n');
    const config = loadConfig(App, { file, env: { PORT: '7100' } });
    expect(config.server.port).toBe(7100);
  });

  test('converts placeholders to booleans', () => {
    const file = writeConfig('yaml', 'server:\n  verbose: ${VERBOSE:-false}\n');
    const config = loadConfig(App, { file, env: { VERBOSE: 'true' } });
    expect(config.server.verbose).toBe(true);
  });

  test('keeps placeholder strings', () => {
    const file = writeConfig('yaml', 'tracing:\n  serviceName: ${NAME}\n');
    const config = loadConfig(App, { file, env: { NAME: '42' } });
    expect(config.tracing.serviceName).toBe('42');
  });

  test('reports unconvertible placeholders', () => {
    const file = writeConfig('yaml', 'server:\n  port: ${PORT}\n');
    const error = errorOf(() => loadConfig(App, { file, env: { PORT: 'x' } }));
    expect(error.problems[0]?.message).toBe('expected a number, received "x"');
  });
});
