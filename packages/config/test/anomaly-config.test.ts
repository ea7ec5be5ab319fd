import { describe, expect, test } from 'vitest';
import { AnomalyConfig, type ConfigError, parseConfig } from '../src/index.js';

describe('AnomalyConfig', () => {
  test('fills every default', () => {
    expect(parseConfig(AnomalyConfig, {})).toMatchInlineSnapshot(`
      {
        "defaultResource": {
          "algorithm": "ensemble",
          "clearAfter": 120000,
          "coolDown": 300000,
          "enabled": true,
          "fireAfter": 60000,
          "minSamples": 20,
          "sensitivity": 0.3,
          "warmUp": 30,
          "window": 64,
        },
        "enabled": true,
        "errorRate": {
          "algorithm": "error-rate",
          "clearAfter": 120000,
          "coolDown": 300000,
          "enabled": true,
          "fireAfter": 60000,
          "minSamples": 20,
          "sensitivity": 0.3,
          "warmUp": 30,
          "window": 64,
        },
        "frozenIntervals": 30,
        "interval": 10000,
        "latency": {
          "algorithm": "ensemble",
          "clearAfter": 120000,
          "coolDown": 300000,
          "enabled": true,
          "fireAfter": 60000,
          "minSamples": 20,
          "sensitivity": 0.3,
          "warmUp": 30,
          "window": 64,
        },
        "maxModels": 1000,
        "noDataIntervals": 3,
        "resources": {},
        "throughput": {
          "algorithm": "throughput",
          "clearAfter": 120000,
          "coolDown": 300000,
          "enabled": true,
          "fireAfter": 60000,
          "minSamples": 20,
          "sensitivity": 0.3,
          "warmUp": 30,
          "window": 64,
        },
        "timer": true,
        "windowIntervals": 6,
      }
    `);
  });

  test('suggests algorithm names', () => {
    let message = '';
    try {
      parseConfig(AnomalyConfig, { latency: { algorithm: 'ensembel' } });
    } catch (error) {
      message = (error as ConfigError).problems[0]?.message ?? '';
    }
    expect(message).toContain('did you mean "ensemble"?');
  });

  test('reads cool-down strings', () => {
    const config = parseConfig(AnomalyConfig, { latency: { coolDown: '1m' } });
    expect(config.latency.coolDown).toBe(60_000);
  });
});
