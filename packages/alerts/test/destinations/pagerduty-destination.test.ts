import {
  afterAll,
  beforeAll,
  beforeEach,
  describe,
  expect,
  test,
} from 'vitest';
import {
  PAGERDUTY_LIMITS,
  PagerDutyDestination,
  toPagerDutyEvent,
} from '../../src/destinations/pagerduty-destination.js';
import {
  type LoopbackServer,
  startLoopbackServer,
} from '../helpers/loopback-server.js';
import { sampleNotification } from '../helpers/sample-notification.js';

let server: LoopbackServer;

beforeAll(async () => {
  server = await startLoopbackServer();
});

beforeEach(() => {
  server.requests.length = 0;
});

afterAll(async () => {
  await server.close();
});

const options = { name: 'pd', routingKey: 'R0UT1NG' };

describe('PagerDutyDestination', () => {
  test('posts a trigger event', async () => {
    const pagerduty = new PagerDutyDestination({
      ...options,
      url: `${server.url}/v2/enqueue`,
    });
    await pagerduty.send(sampleNotification(), {
      signal: AbortSignal.timeout(5_000),
    });
    expect(server.requests[0]?.path).toBe('/v2/enqueue');
    expect(JSON.parse(server.requests[0]?.body ?? '')).toMatchInlineSnapshot(`
      {
        "client": "mm-orch",
        "client_url": "http://orchestrator.local",
        "dedup_key": "0:{alertname="HighLatency"}",
        "event_action": "trigger",
        "payload": {
          "class": "HighLatency",
          "custom_details": {
            "alerts": [
              {
                "annotations": {
                  "summary": "p99 <b>over</b> 2 s & rising",
                },
                "labels": {
                  "alertname": "HighLatency",
                  "model": "a",
                  "severity": "critical",
                },
                "startsAt": "2026-01-01T00:00:00.000Z",
                "status": "firing",
              },
            ],
            "firing": 1,
            "resolved": 0,
            "text": "firing HighLatency {model=a}",
            "truncatedAlerts": 0,
          },
          "severity": "critical",
          "source": "mm-orch",
          "summary": "[FIRING:1] HighLatency",
          "timestamp": "2026-01-01T00:00:30.000Z",
        },
        "routing_key": "R0UT1NG",
      }
    `);
  });

  test('resolves with the same dedup_key', () => {
    const event = toPagerDutyEvent(
      sampleNotification({ status: 'resolved' }),
      options,
    );
    expect(event).toEqual({
      routing_key: 'R0UT1NG',
      dedup_key: '0:{alertname="HighLatency"}',
      event_action: 'resolve',
    });
  });

  test('cuts the summary to 1024 characters', () => {
    const event = toPagerDutyEvent(
      sampleNotification({ title: 'x'.repeat(5_000) }),
      options,
    );
    expect(event.event_action).toBe('trigger');
    const { payload } = event as { payload: { summary: string } };
    expect(payload.summary).toHaveLength(1_024);
  });

  test('cuts the event to 512 KB', () => {
    const alert = sampleNotification().alerts[0]!;
    const alerts = Array.from({ length: 2_000 }, (_, i) => ({
      ...alert,
      annotations: { description: 'y'.repeat(1_000) },
      fingerprint: String(i),
    }));
    const event = toPagerDutyEvent(sampleNotification({ alerts }), options);
    const bytes = Buffer.byteLength(JSON.stringify(event));
    expect(bytes).toBeLessThanOrEqual(PAGERDUTY_LIMITS.eventBytes);
    const { payload } = event as {
      payload: { custom_details: { truncatedAlerts: number } };
    };
    expect(payload.custom_details.truncatedAlerts).toBeGreaterThan(0);
  });

  test('cuts an oversized text too', () => {
    const event = toPagerDutyEvent(
      sampleNotification({ text: 'z'.repeat(600 * 1024) }),
      options,
    );
    const bytes = Buffer.byteLength(JSON.stringify(event));
    expect(bytes).toBeLessThanOrEqual(PAGERDUTY_LIMITS.eventBytes);
  });

  test('hashes a long group key', () => {
    const event = toPagerDutyEvent(
      sampleNotification({ groupKey: 'k'.repeat(300) }),
      options,
    );
    expect(event.dedup_key).toMatch(/^[0-9a-f]{64}$/);
  });
});
