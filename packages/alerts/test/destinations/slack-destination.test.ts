import {
  afterAll,
  beforeAll,
  beforeEach,
  describe,
  expect,
  test,
} from 'vitest';
import { AlertRouter } from '../../src/alert-router.js';
import {
  escapeSlack,
  SlackDestination,
} from '../../src/destinations/slack-destination.js';
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

describe('SlackDestination', () => {
  test('posts blocks and fallback text', async () => {
    const slack = new SlackDestination({
      name: 'slack',
      url: server.url,
      channel: '#alerts',
    });
    await slack.send(sampleNotification(), {
      signal: AbortSignal.timeout(5_000),
    });
    expect(JSON.parse(server.requests[0]?.body ?? '')).toMatchInlineSnapshot(`
      {
        "blocks": [
          {
            "text": {
              "text": "*[FIRING:1] HighLatency*",
              "type": "mrkdwn",
            },
            "type": "section",
          },
          {
            "text": {
              "text": "*HighLatency* (firing)
      p99 &lt;b&gt;over&lt;/b&gt; 2 s &amp; rising
      \`alertname=HighLatency, severity=critical, model=a\`",
              "type": "mrkdwn",
            },
            "type": "section",
          },
        ],
        "channel": "#alerts",
        "text": "[FIRING:1] HighLatency
      firing HighLatency {model=a}",
      }
    `);
  });

  test('escapes mrkdwn control characters', () => {
    expect(escapeSlack('<@here> & <!channel>')).toBe(
      '&lt;@here&gt; &amp; &lt;!channel&gt;',
    );
  });

  test('limits to one message per second', () => {
    const slack = new SlackDestination({ name: 'slack', url: server.url });
    expect(slack.defaultRateLimit).toEqual({ count: 1, interval: 1_000 });
  });

  test('retries a 429 after Retry-After', async () => {
    server.plan({
      kind: 'status',
      status: 429,
      headers: { 'retry-after': '1' },
    });
    const router = new AlertRouter({
      destinations: [{ type: 'slack', name: 'slack', url: server.url }],
      route: { groupWait: 0 },
    });
    router.send({ name: 'Down' });
    await router.flush(5_000);
    expect(server.requests).toHaveLength(2);
    expect(router.getStatus().destinations.slack?.delivered).toBe(1);
    await router.close(100);
  });

  test('caps alert sections at the block limit', async () => {
    const slack = new SlackDestination({ name: 'slack', url: server.url });
    const alert = sampleNotification().alerts[0]!;
    const alerts = Array.from({ length: 60 }, (_, i) => ({
      ...alert,
      fingerprint: String(i),
    }));
    await slack.send(sampleNotification({ alerts }), {
      signal: AbortSignal.timeout(5_000),
    });
    const body = JSON.parse(server.requests[0]?.body ?? '');
    expect(body.blocks).toHaveLength(49);
    expect(body.blocks.at(-1).text.text).toBe('…and 13 more alerts');
  });
});
