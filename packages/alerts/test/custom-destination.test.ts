import {
  AlertingConfig,
  parseConfig,
  redactConfig,
  registerDestinationSchema,
} from '@mm-orch/config';
import { afterEach, describe, expect, test } from 'vitest';
import { z } from 'zod';
import { AlertRouter } from '../src/alert-router.js';
import type {
  Destination,
  SendOptions,
} from '../src/destinations/destination.js';
import type { Notification } from '../src/notification.js';

/** User destination that counts what it receives. */
class TeamsDestination implements Destination {
  readonly received: Notification[] = [];

  constructor(
    readonly name: string,
    readonly channel: string,
  ) {}

  async send(notification: Notification, _options: SendOptions) {
    this.received.push(notification);
  }
}

const teamsSchema = z.object({
  channel: z.string().min(1),
  token: z.string(),
});

let unregister: (() => void) | undefined;
let router: AlertRouter | undefined;

afterEach(async () => {
  unregister?.();
  unregister = undefined;
  await router?.close(10);
  router = undefined;
});

describe('custom destination types', () => {
  test('validate like built-ins', () => {
    unregister = registerDestinationSchema('teams', teamsSchema);
    expect(() =>
      parseConfig(AlertingConfig, {
        destinations: [{ type: 'teams', name: 't', channel: '', token: 'x' }],
      }),
    ).toThrow(/destinations\[0\]\.channel/);
  });

  test('reject unknown keys', () => {
    unregister = registerDestinationSchema('teams', teamsSchema);
    const result = AlertingConfig.safeParse({
      destinations: [
        { type: 'teams', name: 't', channel: 'c', token: 'x', chanel: 'c' },
      ],
    });
    expect(result.success).toBe(false);
  });

  test('fail when not registered', () => {
    const result = AlertingConfig.safeParse({
      destinations: [{ type: 'teams', name: 't' }],
    });
    expect(result.error?.issues[0]?.message).toMatchInlineSnapshot(
      `"unknown destination type "teams"; expected one of console, memory, file, webhook, slack, pagerduty, alertmanager, or register it with registerDestinationSchema()"`,
    );
  });

  test('reject a duplicate type', () => {
    unregister = registerDestinationSchema('teams', teamsSchema);
    expect(() => registerDestinationSchema('webhook', teamsSchema)).toThrow(
      /already registered/,
    );
  });

  test('build through their factory', async () => {
    unregister = registerDestinationSchema('teams', teamsSchema);
    let built: TeamsDestination | undefined;
    router = new AlertRouter({
      destinations: [{ type: 'teams', name: 'ops', channel: 'c1', token: 'x' }],
      destinationFactories: {
        teams: (config) => {
          built = new TeamsDestination(config.name, String(config.channel));
          return built;
        },
      },
      route: { groupWait: 0 },
    });
    router.send({ name: 'Down' });
    await router.flush(1_000);
    expect(built?.channel).toBe('c1');
    expect(built?.received).toHaveLength(1);
  });

  test('need a factory', () => {
    unregister = registerDestinationSchema('teams', teamsSchema);
    expect(
      () =>
        new AlertRouter({
          destinations: [
            { type: 'teams', name: 'ops', channel: 'c', token: 'x' },
          ],
        }),
    ).toThrow(/has no factory/);
  });
});

describe('destination secrets', () => {
  test('are redacted when printed', () => {
    const config = AlertingConfig.parse({
      destinations: [
        { type: 'slack', name: 's', url: 'https://hooks.example/T0/B0/XYZ' },
        { type: 'pagerduty', name: 'p', routingKey: 'R0UT1NG' },
      ],
    });
    const printed = JSON.stringify(redactConfig(AlertingConfig, config));
    expect(printed).not.toContain('XYZ');
    expect(printed).not.toContain('R0UT1NG');
  });
});

describe('AlertingConfig defaults', () => {
  test('fill in an empty config', () => {
    expect(AlertingConfig.parse({})).toMatchInlineSnapshot(`
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

  test('read durations as strings', () => {
    const config = AlertingConfig.parse({
      timeout: '5s',
      retry: { baseBackoff: '250ms', maxBackoff: '1m' },
    });
    expect(config.timeout).toBe(5_000);
    expect(config.retry.maxBackoff).toBe(60_000);
  });

  test('reject a non-http webhook URL', () => {
    const result = AlertingConfig.safeParse({
      destinations: [{ type: 'webhook', name: 'w', url: 'htp:/x' }],
    });
    expect(result.error?.issues[0]?.path).toEqual(['destinations', 0, 'url']);
  });
});
