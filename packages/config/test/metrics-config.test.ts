import { describe, expect, test } from 'vitest';
import { ConfigError, MetricsConfig, parseConfig } from '../src/index.js';

describe('MetricsConfig', () => {
  test('fills every default', () => {
    expect(parseConfig(MetricsConfig, {})).toMatchInlineSnapshot(`
      {
        "buckets": {
          "batchSize": [
            1,
            2,
            4,
            8,
            16,
            32,
            64,
            128,
            256,
            512,
          ],
          "latency": [
            0.01,
            0.02,
            0.04,
            0.08,
            0.16,
            0.32,
            0.64,
            1.28,
            2.56,
            5.12,
            10.24,
            20.48,
            40.96,
            81.92,
            163.84,
            327.68,
          ],
          "loadDuration": [
            0.1,
            0.5,
            1,
            2.5,
            5,
            10,
            30,
            60,
            120,
            300,
            600,
          ],
          "queueTime": [
            0.001,
            0.005,
            0.01,
            0.02,
            0.04,
            0.08,
            0.16,
            0.32,
            0.64,
            1.28,
            2.56,
            5.12,
            10.24,
            20.48,
            40.96,
            81.92,
          ],
          "timePerOutputToken": [
            0.01,
            0.025,
            0.05,
            0.075,
            0.1,
            0.15,
            0.2,
            0.3,
            0.4,
            0.5,
            0.75,
            1,
            2.5,
          ],
          "timeToFirstToken": [
            0.001,
            0.005,
            0.01,
            0.02,
            0.04,
            0.06,
            0.08,
            0.1,
            0.25,
            0.5,
            0.75,
            1,
            2.5,
            5,
            7.5,
            10,
            20,
            40,
            80,
          ],
          "tokens": [
            1,
            4,
            16,
            64,
            256,
            1024,
            4096,
            16384,
            65536,
            262144,
            1048576,
            4194304,
          ],
        },
        "defaultLabels": {},
        "enabled": true,
        "exemplars": true,
        "gpuMetrics": true,
        "host": "127.0.0.1",
        "maxSeriesPerMetric": 10000,
        "naming": "mmorch",
        "path": "/metrics",
        "port": 9464,
        "prefix": "mmorch_",
        "processMetrics": true,
      }
    `);
  });

  test('rejects out of range port', () => {
    expect(() => parseConfig(MetricsConfig, { port: 70_000 })).toThrow(
      ConfigError,
    );
  });

  test('redacts the bearer token', () => {
    const config = parseConfig(MetricsConfig, { bearerToken: 'tok-9' });
    expect(JSON.stringify(config)).not.toContain('tok-9');
  });

  test('keeps the bearer token readable', () => {
    const config = parseConfig(MetricsConfig, { bearerToken: 'tok-9' });
    expect(config.bearerToken).toBe('tok-9');
  });
});
