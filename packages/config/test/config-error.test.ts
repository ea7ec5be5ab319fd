import { describe, expect, test } from 'vitest';
import {
  ConfigError,
  type ConfigProblem,
  formatProblem,
} from '../src/index.js';

const portProblem: ConfigProblem = {
  code: 'invalid_type',
  path: ['metrics', 'port'],
  expected: 'a number',
  received: '"x"',
  message: 'expected a number, received "x"',
  source: 'env MMORCH_METRICS__PORT',
};

describe('ConfigError', () => {
  test('carries a stable code', () => {
    expect(new ConfigError('CONFIG_INVALID', []).code).toBe('CONFIG_INVALID');
  });

  test('is an Error subclass', () => {
    expect(new ConfigError('CONFIG_INVALID', [])).toBeInstanceOf(Error);
  });

  test('names itself', () => {
    expect(new ConfigError('CONFIG_INVALID', []).name).toBe('ConfigError');
  });

  test('keeps the file', () => {
    const error = new ConfigError('CONFIG_INVALID', [], { file: 'a.yaml' });
    expect(error.file).toBe('a.yaml');
  });

  test('keeps the cause', () => {
    const cause = new Error('disk');
    const error = new ConfigError('CONFIG_FILE_NOT_READABLE', [], { cause });
    expect(error.cause).toBe(cause);
  });

  test('formats one problem', () => {
    const error = new ConfigError('CONFIG_INVALID', [portProblem]);
    expect(error.message).toMatchInlineSnapshot(`
      "Invalid configuration (1 problem):
        - metrics.port: expected a number, received "x" (env MMORCH_METRICS__PORT)
      Fix each value listed above, then load the configuration again."
    `);
  });

  test('formats several problems', () => {
    const error = new ConfigError(
      'CONFIG_INVALID',
      [
        { ...portProblem, source: 'a.yaml:3:9' },
        {
          code: 'unknown_key',
          path: ['alerting', 'destinations', 2, 'utl'],
          message: 'unknown key, did you mean "url"?',
          source: 'a.yaml',
        },
      ],
      { file: 'a.yaml' },
    );
    expect(error.message).toMatchInlineSnapshot(`
      "Invalid configuration from a.yaml (2 problems):
        - metrics.port: expected a number, received "x" (a.yaml:3:9)
        - alerting.destinations[2].utl: unknown key, did you mean "url"?
      Fix each value listed above, then load the configuration again."
    `);
  });

  test('prefers source over file', () => {
    const error = new ConfigError('CONFIG_INVALID', [], {
      file: 'a.yaml',
      source: 'PrometheusExporter options',
    });
    expect(error.message.split('\n')[0]).toBe(
      'Invalid configuration from PrometheusExporter options (0 problems):',
    );
  });
});

describe('formatProblem', () => {
  test('shows root path', () => {
    const line = formatProblem({ ...portProblem, path: [], source: undefined });
    expect(line).toBe('(root): expected a number, received "x"');
  });

  test('omits the header source', () => {
    const line = formatProblem(portProblem, 'env MMORCH_METRICS__PORT');
    expect(line).toBe('metrics.port: expected a number, received "x"');
  });
});
