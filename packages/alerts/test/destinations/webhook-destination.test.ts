import { createHmac } from 'node:crypto';
import {
  afterAll,
  beforeAll,
  beforeEach,
  describe,
  expect,
  test,
} from 'vitest';
import { WebhookDestination } from '../../src/destinations/webhook-destination.js';
import { DeliveryError } from '../../src/errors.js';
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

function send(destination: WebhookDestination, timeoutMs = 5_000) {
  return destination.send(sampleNotification(), {
    signal: AbortSignal.timeout(timeoutMs),
  });
}

describe('WebhookDestination', () => {
  test('posts the Alertmanager body', async () => {
    const webhook = new WebhookDestination({ name: 'hook', url: server.url });
    await send(webhook);
    expect(JSON.parse(server.requests[0]?.body ?? '')).toMatchInlineSnapshot(`
      {
        "alerts": [
          {
            "annotations": {
              "summary": "p99 <b>over</b> 2 s & rising",
            },
            "endsAt": "0001-01-01T00:00:00Z",
            "fingerprint": "0123456789abcdef",
            "generatorURL": "http://orchestrator.local/anomalies/1",
            "labels": {
              "alertname": "HighLatency",
              "model": "a",
              "severity": "critical",
            },
            "startsAt": "2026-01-01T00:00:00.000Z",
            "status": "firing",
          },
        ],
        "commonAnnotations": {},
        "commonLabels": {
          "alertname": "HighLatency",
          "severity": "critical",
        },
        "externalURL": "http://orchestrator.local",
        "groupKey": "0:{alertname="HighLatency"}",
        "groupLabels": {
          "alertname": "HighLatency",
        },
        "receiver": "team",
        "status": "firing",
        "truncatedAlerts": 0,
        "version": "4",
      }
    `);
  });

  test('sends the idempotency key', async () => {
    const webhook = new WebhookDestination({ name: 'hook', url: server.url });
    await send(webhook);
    expect(server.requests[0]?.headers['idempotency-key']).toBe('key-1');
  });

  test('signs the body with HMAC-SHA256', async () => {
    const webhook = new WebhookDestination({
      name: 'hook',
      url: server.url,
      secret: 's3cret',
    });
    await send(webhook);
    const request = server.requests[0];
    const expected = createHmac('sha256', 's3cret')
      .update(request?.body ?? '')
      .digest('hex');
    expect(request?.headers['x-mmorch-signature']).toBe(`sha256=${expected}`);
  });

  test('leaves the body unsigned without secret', async () => {
    const webhook = new WebhookDestination({ name: 'hook', url: server.url });
    await send(webhook);
    expect(server.requests[0]?.headers['x-mmorch-signature']).toBeUndefined();
  });

  test('truncates to maxAlerts', async () => {
    const webhook = new WebhookDestination({
      name: 'hook',
      url: server.url,
      maxAlerts: 1,
    });
    const alert = sampleNotification().alerts[0]!;
    await webhook.send(
      sampleNotification({ alerts: [alert, { ...alert, fingerprint: 'b' }] }),
      { signal: AbortSignal.timeout(5_000) },
    );
    const body = JSON.parse(server.requests[0]?.body ?? '');
    expect(body.alerts).toHaveLength(1);
    expect(body.truncatedAlerts).toBe(1);
  });

  test('rejects 500 as retryable', async () => {
    server.plan({ kind: 'status', status: 500 });
    const webhook = new WebhookDestination({ name: 'hook', url: server.url });
    const error = await send(webhook).catch((e: DeliveryError) => e);
    expect(error).toBeInstanceOf(DeliveryError);
    expect((error as DeliveryError).retryable).toBe(true);
    expect((error as DeliveryError).status).toBe(500);
  });

  test('rejects 400 as final', async () => {
    server.plan({ kind: 'status', status: 400 });
    const webhook = new WebhookDestination({ name: 'hook', url: server.url });
    const error = (await send(webhook).catch((e) => e)) as DeliveryError;
    expect(error.retryable).toBe(false);
  });

  test('reads Retry-After of a 429', async () => {
    server.plan({
      kind: 'status',
      status: 429,
      headers: { 'retry-after': '3' },
    });
    const webhook = new WebhookDestination({ name: 'hook', url: server.url });
    const error = (await send(webhook).catch((e) => e)) as DeliveryError;
    expect(error.retryAfterMs).toBe(3_000);
  });

  test('reports a closed connection', async () => {
    server.plan({ kind: 'close' });
    const webhook = new WebhookDestination({ name: 'hook', url: server.url });
    const error = (await send(webhook).catch((e) => e)) as DeliveryError;
    expect(error.message).toMatch(/^hook: request failed/);
  });

  test('aborts a request that never returns', async () => {
    server.plan({ kind: 'never' });
    const webhook = new WebhookDestination({ name: 'hook', url: server.url });
    const error = (await send(webhook, 200).catch((e) => e)) as DeliveryError;
    expect(error).toBeInstanceOf(DeliveryError);
  });

  test('waits for a slow answer', async () => {
    server.plan({ kind: 'slow', delayMs: 150 });
    const webhook = new WebhookDestination({ name: 'hook', url: server.url });
    await expect(send(webhook)).resolves.toBeUndefined();
  });

  test('keeps the URL out of errors', async () => {
    server.plan({ kind: 'status', status: 500 });
    const webhook = new WebhookDestination({
      name: 'hook',
      url: `${server.url}/token-abc`,
    });
    const error = (await send(webhook).catch((e) => e)) as DeliveryError;
    expect(error.message).not.toContain('token-abc');
  });
});
