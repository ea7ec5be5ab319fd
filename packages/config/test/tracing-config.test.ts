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
});
