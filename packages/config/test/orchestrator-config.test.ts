// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings are
// configuration text whose ${VAR} placeholders are under test.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import {
  AlertingConfig,
  AnomalyConfig,
  type ConfigError,
  loadConfig,
  MetricsConfig,
  OrchestratorConfig,
  parseConfig,
  TracingConfig,
} from '../src/index.js';

describe('OrchestratorConfig', () => {
  test('fills app defaults', () => {
    const { server, models, resources } = parseConfig(OrchestratorConfig, {});
    expect({ server, models, resources }).toMatchInlineSnapshot(`
      {
        "models": [
          {
            "adapter": {
              "baseLatency": 5,
              "batchOverhead": 0.1,
              "decodePerToken": 2,
              "defaultMaxTokens": 16,
              "faults": {
                "errorRate": 0,
                "memoryGrowthBytes": 0,
                "slowdownFactor": 1,
                "stall": false,
              },
              "jitter": 0.1,
              "loadTime": 0,
              "prefillPerToken": 0.05,
              "type": "simulated",
            },
            "cache": {
              "size": 1000,
              "ttl": 60000,
            },
            "concurrency": 1,
            "loadOnStart": true,
            "maxBatchDelay": 5,
            "maxBatchSize": 8,
            "name": "sim-chat",
            "queueLimit": 256,
          },
          {
            "adapter": {
              "baseLatency": 5,
              "batchOverhead": 0.1,
              "decodePerToken": 1.5,
              "defaultMaxTokens": 16,
              "faults": {
                "errorRate": 0,
                "memoryGrowthBytes": 0,
                "slowdownFactor": 1,
                "stall": false,
              },
              "jitter": 0.1,
              "loadTime": 0,
              "prefillPerToken": 0.08,
              "type": "simulated",
            },
            "cache": {
              "size": 1000,
              "ttl": 60000,
            },
            "concurrency": 1,
            "loadOnStart": true,
            "maxBatchDelay": 5,
            "maxBatchSize": 8,
            "name": "sim-code",
            "queueLimit": 256,
          },
        ],
        "resources": {
          "enabled": true,
          "gpu": true,
          "interval": 5000,
        },
        "server": {
          "bodyLimit": 1048576,
          "host": "127.0.0.1",
          "port": 8080,
          "requestTimeout": 30000,
          "shutdownTimeout": 10000,
        },
      }
    `);
  });

  // The app samples 5% of traces and keeps 100 spans in memory by
  // default, while the tracing library alone keeps every trace.
  test.each([
    ['metrics', MetricsConfig, {}],
    [
      'tracing',
      TracingConfig,
      { samplerRatio: 0.05, exporter: { type: 'memory', maxSpans: 100 } },
    ],
    ['anomaly', AnomalyConfig, {}],
    ['alerting', AlertingConfig, {}],
  ] as const)('fills %s defaults', (section, schema, input) => {
    const config = parseConfig(OrchestratorConfig, {});
    expect(config[section]).toEqual(parseConfig(schema as never, input));
  });
});

describe('OrchestratorConfig tracing defaults', () => {
  test('keep 5% sampling when a section sets only the exporter', () => {
    const config = parseConfig(OrchestratorConfig, {
      tracing: { exporter: { type: 'otlp-http' } },
    });
    expect(config.tracing.samplerRatio).toBe(0.05);
    expect(config.tracing.exporter.type).toBe('otlp-http');
  });

  test('keep 100 spans given only a ratio', () => {
    const config = parseConfig(OrchestratorConfig, {
      tracing: { samplerRatio: 1 },
    });
    expect(config.tracing.samplerRatio).toBe(1);
    expect(config.tracing.exporter).toEqual({ type: 'memory', maxSpans: 100 });
  });

  test('keep 100 spans for a bare memory exporter', () => {
    const config = parseConfig(OrchestratorConfig, {
      tracing: { exporter: { type: 'memory' } },
    });
    expect(config.tracing.exporter).toEqual({ type: 'memory', maxSpans: 100 });
  });

  test('keep a memory bound that is given', () => {
    const config = parseConfig(OrchestratorConfig, {
      tracing: { exporter: { type: 'memory', maxSpans: 50 } },
    });
    expect(config.tracing.exporter).toEqual({ type: 'memory', maxSpans: 50 });
  });

  test('reject an unknown exporter type', () => {
    expect(() =>
      parseConfig(OrchestratorConfig, {
        tracing: { exporter: { type: 'jaeger' } },
      }),
    ).toThrow(/tracing\.exporter\.type.*"memory".*"jaeger"/s);
  });

  test('reject an unknown key with its path', () => {
    expect(() =>
      parseConfig(OrchestratorConfig, { tracing: { samplerRate: 0.1 } }),
    ).toThrow(/tracing\.samplerRate.*samplerRatio/s);
  });
});

describe('OrchestratorConfig loading', () => {
  const directory = mkdtempSync(join(tmpdir(), 'mmorch-app-'));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  test('layers file, env and overrides', () => {
    const file = join(directory, 'app.yaml');
    writeFileSync(
      file,
      'server:\n  port: 8081\nmetrics:\n  port: 9465\ntracing:\n  serviceName: shop\n',
    );
    const config = loadConfig(OrchestratorConfig, {
      file,
      env: {
        MMORCH_METRICS__PORT: '9466',
        MMORCH_TRACING__SERVICE_NAME: 'env',
      },
      overrides: { tracing: { serviceName: 'override' } },
    });
    expect(config.server.port).toBe(8081);
    expect(config.metrics.port).toBe(9466);
    expect(config.tracing.serviceName).toBe('override');
  });

  test('formats nested problems', () => {
    const file = join(directory, 'bad.yaml');
    writeFileSync(
      file,
      [
        'server:',
        '  requestTimeout: 5 minutes',
        'metrics:',
        '  prot: 1',
        'tracing:',
        '  exporter:',
        '    type: otlp-http',
        '    url: ${OTLP_URL}',
        '',
      ].join('\n'),
    );
    let message = '';
    try {
      loadConfig(OrchestratorConfig, {
        file,
        env: { MMORCH_ANOMALY__LATENCY__WINDOW: 'wide' },
      });
    } catch (error) {
      message = (error as ConfigError).message.replaceAll(file, 'app.yaml');
    }
    expect(message).toMatchInlineSnapshot(`
      "Invalid configuration from app.yaml (4 problems):
        - tracing.exporter.url: environment variable OTLP_URL is not set, set it or write \${OTLP_URL:-fallback} (app.yaml:8:10)
        - server.requestTimeout: expected a duration such as 500 (ms), "30s" or "5m", received "5 minutes" (app.yaml:2:19)
        - metrics.prot: unknown key, did you mean "port"? (app.yaml:4:9)
        - anomaly.latency.window: expected a number, received "wide" (env MMORCH_ANOMALY__LATENCY__WINDOW)
      Fix each value listed above, then load the configuration again."
    `);
  });
});
