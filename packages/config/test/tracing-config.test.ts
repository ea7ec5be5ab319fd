import { describe, expect, test } from 'vitest';
import { TracingConfig, parseConfig } from '../src/index.js';

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
});
