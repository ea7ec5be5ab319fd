import { describe, expect, test } from 'vitest';
import { AlertingConfig, parseConfig } from '../src/index.js';

describe('AlertingConfig', () => {
  test('fills every default', () => {
    expect(parseConfig(AlertingConfig, {})).toMatchInlineSnapshot(`
      {
        "circuitBreaker": {
          "cooldown": 30000,
          "failureThreshold": 5,
        },
        "destinations": [],
        "enabled": true,
        "externalURL": "",
        "inhibitRules": [],
        "maxQueueSize": 1000,
        "maxResolvedAlerts": 100,
        "retry": {
          "attempts": 5,
          "baseBackoff": 500,
          "jitter": 0.2,
          "maxBackoff": 30000,
          "maxRetryAfter": 300000,
        },
        "route": {
          "continue": false,
          "routes": [],
        },
        "silences": [],
        "timeout": 10000,
      }
    `);
  });
});
