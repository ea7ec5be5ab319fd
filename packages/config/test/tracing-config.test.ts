import { describe, expect, test } from 'vitest';
import { type ConfigError, parseConfig, TracingConfig } from '../src/index.js';

function messageOf(input: unknown): string {
  try {
    parseConfig(TracingConfig, input);
  } catch (error) {
    return (error as ConfigError).message;
  }
  return 'no error';
}

describe('TracingConfig', () => {
  test('fills every default', () => {
    expect(parseConfig(TracingConfig, {})).toMatchInlineSnapshot(`
      {
        "batch": {
          "exportTimeout": 30000,
          "maxExportBatchSize": 512,
          "maxQueueSize": 2048,
          "scheduledDelay": 5000,
        },
        "enabled": true,
        "errorLogInterval": 60000,
        "exporter": {
          "maxSpans": 10000,
          "type": "memory",
        },
        "flushTimeout": 5000,
        "samplerRatio": 1,
        "serviceName": "mm-orch",
        "shutdownTimeout": 5000,
        "spanLimits": {
          "attributeCountLimit": 128,
          "eventCountLimit": 128,
          "linkCountLimit": 128,
        },
      }
    `);
  });

  test('rejects bad exporter URL', () => {
    const message = messageOf({ exporter: { type: 'otlp-http', url: 'x' } });
    expect(message).toContain('exporter.url: expected a URL, received "x"');
  });

  test('rejects bad exporter timeout', () => {
    const message = messageOf({
      exporter: {
        type: 'otlp-http',
        url: 'http://127.0.0.1:4318',
        timeout: '1 second',
      },
    });
    expect(message).toContain('exporter.timeout: expected a duration');
  });

  test('redacts exporter headers', () => {
    const config = parseConfig(TracingConfig, {
      exporter: {
        type: 'otlp-http',
        url: 'http://127.0.0.1:4318/v1/traces',
        headers: { authorization: 'Bearer t0k' },
      },
    });
    expect(JSON.stringify(config)).not.toContain('t0k');
  });

  test('rejects timeouts past timer range', () => {
    // Node fires a timer of more than 2^31 - 1 ms after 1 ms instead.
    const message = messageOf({ flushTimeout: '30d' });
    expect(message).toContain(
      'flushTimeout: expected a duration of at most 2147483647 ms',
    );
  });

  test('bounds every timer duration', () => {
    const message = messageOf({
      exporter: { type: 'otlp-http', timeout: '25d' },
      batch: { scheduledDelay: '25d', exportTimeout: '25d' },
      shutdownTimeout: '25d',
    });
    expect(message).toContain('(4 problems)');
  });

  test('formats the batch size check', () => {
    const message = messageOf({
      batch: { maxQueueSize: 1, maxExportBatchSize: 5 },
    });
    expect(message).toContain(
      'batch.maxExportBatchSize: expected a number <= maxQueueSize (1), received 5',
    );
  });

  test('explains a defaulted batch size', () => {
    const message = messageOf({ batch: { maxQueueSize: 100 } });
    expect(message).toContain(
      'maxExportBatchSize 512 exceeds maxQueueSize 100, lower it or raise maxQueueSize',
    );
  });

  test('checks batch sizes beside other problems', () => {
    const message = messageOf({
      batch: { maxQueueSize: 1, maxExportBatchSize: 5, scheduledDelay: 'x' },
    });
    expect(message).toContain('batch.maxExportBatchSize');
  });
});
