import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { z } from 'zod';
import {
  AlertingConfig,
  type ConfigError,
  type ConfigProblem,
  loadConfig,
  parseConfig,
  registerDestinationSchema,
} from '../src/index.js';

const directory = mkdtempSync(join(tmpdir(), 'mmorch-alerting-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

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
        "mirrorInterval": 60000,
        "resolveTimeout": 300000,
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

describe('AlertingConfig destinations', () => {
  const destinations = [
    { type: 'console', name: 'log' },
    { type: 'memory', name: 'mem' },
    { type: 'webhook', name: 'hook', url: 'htp:/x' },
  ];

  test('reports full destination path', () => {
    let problem: ConfigProblem | undefined;
    try {
      parseConfig(AlertingConfig, { destinations });
    } catch (error) {
      problem = (error as ConfigError).problems[0];
    }
    expect(problem?.path).toEqual(['destinations', 2, 'url']);
  });

  test('hides secret URL in errors', () => {
    let problem: ConfigProblem | undefined;
    try {
      parseConfig(AlertingConfig, { destinations });
    } catch (error) {
      problem = (error as ConfigError).problems[0];
    }
    expect(problem?.message).toBe('expected a URL, received [redacted]');
  });

  test('redacts destination secrets', () => {
    const config = parseConfig(AlertingConfig, {
      destinations: [
        { type: 'slack', name: 's', url: 'https://hooks.slack.test/T1/B2/zz' },
        { type: 'pagerduty', name: 'p', routingKey: 'rk-secret' },
      ],
    });
    const text = JSON.stringify(config);
    expect(text).not.toContain('hooks.slack.test');
    expect(text).not.toContain('rk-secret');
  });

  test('validates registered destination types', () => {
    const remove = registerDestinationSchema(
      'sms',
      z.object({ phone: z.string().regex(/^\+\d+$/) }),
    );
    try {
      const file = join(directory, 'alerting.yaml');
      writeFileSync(
        file,
        'destinations:\n  - type: sms\n    name: pager\n    phone: "555"\n',
      );
      let problem: ConfigProblem | undefined;
      try {
        loadConfig(AlertingConfig, { file, env: {} });
      } catch (error) {
        problem = (error as ConfigError).problems[0];
      }
      expect(problem).toMatchObject({
        path: ['destinations', 0, 'phone'],
        message: 'expected a string matching /^\\+\\d+$/, received "555"',
        source: `${file}:4:12`,
      });
    } finally {
      remove();
    }
  });
});

describe('AlertingConfig state mirroring', () => {
  test('reads mirrorInterval durations', () => {
    const config = parseConfig(AlertingConfig, { mirrorInterval: '30s' });
    expect(config.mirrorInterval).toBe(30_000);
  });

  test('rejects negative mirrorInterval', () => {
    let problem: ConfigProblem | undefined;
    try {
      parseConfig(AlertingConfig, { mirrorInterval: -1 });
    } catch (error) {
      problem = (error as ConfigError).problems[0];
    }
    expect(problem?.path).toEqual(['mirrorInterval']);
  });

  test('keeps alertmanager mirrorsState', () => {
    const config = parseConfig(AlertingConfig, {
      destinations: [
        {
          type: 'alertmanager',
          name: 'am',
          url: 'http://127.0.0.1:9093',
          mirrorsState: false,
        },
      ],
    });
    expect(config.destinations[0]).toMatchObject({ mirrorsState: false });
  });

  test('keeps memory mirrorsState', () => {
    const config = parseConfig(AlertingConfig, {
      destinations: [{ type: 'memory', name: 'mem', mirrorsState: true }],
    });
    expect(config.destinations[0]).toMatchObject({ mirrorsState: true });
  });

  test('leaves mirrorsState unset by default', () => {
    const config = parseConfig(AlertingConfig, {
      destinations: [
        { type: 'alertmanager', name: 'am', url: 'http://127.0.0.1:9093' },
      ],
    });
    expect(config.destinations[0]).not.toHaveProperty('mirrorsState');
  });

  test('rejects mirrorsState on console', () => {
    let problem: ConfigProblem | undefined;
    try {
      parseConfig(AlertingConfig, {
        destinations: [{ type: 'console', name: 'log', mirrorsState: true }],
      });
    } catch (error) {
      problem = (error as ConfigError).problems[0];
    }
    expect(problem?.path).toEqual(['destinations', 0, 'mirrorsState']);
  });
});

describe('AlertingConfig route tree', () => {
  test('suggests keys in child routes', () => {
    let problem: ConfigProblem | undefined;
    try {
      parseConfig(AlertingConfig, {
        route: { routes: [{ routes: [{ recevier: 'log' }] }] },
      });
    } catch (error) {
      problem = (error as ConfigError).problems[0];
    }
    expect(problem).toMatchObject({
      path: ['route', 'routes', 0, 'routes', 0, 'recevier'],
      message: 'unknown key, did you mean "receiver"?',
    });
  });

  test('reads route timings from env', () => {
    const config = loadConfig(AlertingConfig, {
      env: { MMORCH_ROUTE__GROUP_WAIT: '45s' },
    });
    expect(config.route.groupWait).toBe(45_000);
  });
});

describe('AlertingConfig from env', () => {
  test('converts destination fields', () => {
    const config = loadConfig(AlertingConfig, {
      env: {
        MMORCH_DESTINATIONS__0__TYPE: 'webhook',
        MMORCH_DESTINATIONS__0__NAME: 'hook',
        MMORCH_DESTINATIONS__0__URL: 'http://127.0.0.1:9/hook',
        MMORCH_DESTINATIONS__0__MAX_ALERTS: '5',
      },
    });
    expect(config.destinations[0]).toMatchObject({ maxAlerts: 5 });
  });
});
