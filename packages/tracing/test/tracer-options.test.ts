import { TracingConfig } from '@mm-orch/config';
import { describe, expect, it } from 'vitest';
import { parseTracerOptions } from '../src/tracer-options.js';

describe('TracingConfig', () => {
  it('applies the defaults', () => {
    const config = TracingConfig.parse({});

    expect(config).toEqual({
      enabled: true,
      serviceName: 'mm-orch',
      exporter: { type: 'memory', maxSpans: 10_000 },
      samplerRatio: 1,
      batch: {
        maxQueueSize: 2048,
        maxExportBatchSize: 512,
        scheduledDelay: 5_000,
        exportTimeout: 30_000,
      },
      spanLimits: {
        attributeCountLimit: 128,
        eventCountLimit: 128,
        linkCountLimit: 128,
      },
      flushTimeout: 5_000,
      shutdownTimeout: 5_000,
      errorLogInterval: 60_000,
    });
  });

  it('fills the OTLP defaults', () => {
    const config = TracingConfig.parse({ exporter: { type: 'otlp-http' } });

    expect(config.exporter).toEqual({
      type: 'otlp-http',
      url: 'http://localhost:4318/v1/traces',
      headers: {},
      timeout: 10_000,
      compression: 'none',
      concurrencyLimit: 30,
    });
  });

  it('parses duration strings', () => {
    const config = TracingConfig.parse({
      batch: { scheduledDelay: '2s', exportTimeout: '1m' },
      shutdownTimeout: '250ms',
    });

    expect(config.batch.scheduledDelay).toBe(2_000);
    expect(config.batch.exportTimeout).toBe(60_000);
    expect(config.shutdownTimeout).toBe(250);
  });

  it.each([
    ['unknown key', { serviceNme: 'x' }, ''],
    ['unknown exporter', { exporter: { type: 'zipkin' } }, 'exporter.type'],
    ['ratio above one', { samplerRatio: 1.5 }, 'samplerRatio'],
    [
      'non-http URL',
      { exporter: { type: 'otlp-http', url: 'ftp://x/y' } },
      'exporter.url',
    ],
    ['bad duration', { flushTimeout: '5 minutes' }, 'flushTimeout'],
    [
      'batch above queue',
      { batch: { maxQueueSize: 10, maxExportBatchSize: 20 } },
      'batch.maxExportBatchSize',
    ],
    [
      'unknown memory key',
      { exporter: { type: 'memory', limit: 3 } },
      'exporter',
    ],
  ])('rejects %s', (_title, input, path) => {
    const result = TracingConfig.safeParse(input);

    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path.join('.')).toBe(path);
  });
});

describe('parseTracerOptions', () => {
  it('keeps logger and exporter apart', () => {
    const logger = { debug() {}, info() {}, warn() {}, error() {} };

    const parsed = parseTracerOptions({ logger, serviceName: 'api' });

    expect(parsed.logger).toBe(logger);
    expect(parsed.config.serviceName).toBe('api');
  });

  it('accepts already parsed options', () => {
    const once = parseTracerOptions({
      exporter: { type: 'otlp-http', headers: { 'x-api-key': 'k' } },
      batch: { scheduledDelay: '2s' },
    });

    const twice = parseTracerOptions(once.config);

    expect(twice.config).toEqual(once.config);
  });

  it('names every invalid field', () => {
    const parse = () =>
      parseTracerOptions({ samplerRatio: -1, flushTimeout: 'soon' });

    expect(parse).toThrowErrorMatchingInlineSnapshot(`
      [ConfigError: Invalid configuration from OTelTracer options (2 problems):
        - samplerRatio: expected a number >= 0, received -1
        - flushTimeout: expected a duration such as 500 (ms), "30s" or "5m", received "soon"
      Fix each value listed above, then load the configuration again.]
    `);
  });
});

describe('secret headers', () => {
  it('are redacted when printed', () => {
    const parsed = parseTracerOptions({
      exporter: {
        type: 'otlp-http',
        headers: { authorization: 'Bearer secret-token' },
      },
    });

    const exporter = parsed.config.exporter;
    const headers = exporter.type === 'otlp-http' ? exporter.headers : {};
    expect(JSON.stringify(parsed.config)).not.toMatch(/secret-token/);
    expect(headers.authorization).toBe('Bearer secret-token');
  });
});
