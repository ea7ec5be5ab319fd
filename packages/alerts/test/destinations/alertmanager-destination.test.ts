import { AlertingConfig, silentLogger } from '@mm-orch/config';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { AlertmanagerDestination } from '../../src/destinations/alertmanager-destination.js';
import { createDestination } from '../../src/destinations/create-destination.js';
import {
  type LoopbackServer,
  startLoopbackServer,
} from '../helpers/loopback-server.js';
import { sampleNotification } from '../helpers/sample-notification.js';

let server: LoopbackServer;

beforeAll(async () => {
  server = await startLoopbackServer();
});

afterAll(async () => {
  await server.close();
});

describe('AlertmanagerDestination', () => {
  test('mirrors state by default', () => {
    const destination = new AlertmanagerDestination({
      name: 'am',
      url: 'http://127.0.0.1:9093',
    });
    expect(destination.mirrorsState).toBe(true);
  });

  test('lets mirroring be turned off', () => {
    const destination = new AlertmanagerDestination({
      name: 'am',
      url: 'http://127.0.0.1:9093',
      mirrorsState: false,
    });
    expect(destination.mirrorsState).toBe(false);
  });

  test('mirrors state from config', () => {
    const config = AlertingConfig.parse({
      destinations: [
        { type: 'alertmanager', name: 'am', url: 'http://127.0.0.1:9093' },
      ],
    });
    const destination = createDestination(
      config.destinations[0]!,
      { logger: silentLogger, stdout: process.stdout },
      {},
    );
    expect(destination.mirrorsState).toBe(true);
  });

  test('posts postable alerts', async () => {
    const destination = new AlertmanagerDestination({
      name: 'am',
      url: server.url,
    });
    const alert = sampleNotification().alerts[0]!;
    await destination.send(
      sampleNotification({
        alerts: [
          alert,
          {
            ...alert,
            status: 'resolved',
            endsAt: '2026-01-01T00:05:00.000Z',
            generatorURL: '',
          },
        ],
      }),
      { signal: AbortSignal.timeout(5_000) },
    );
    expect(server.requests[0]?.path).toBe('/api/v2/alerts');
    expect(JSON.parse(server.requests[0]?.body ?? '')).toMatchInlineSnapshot(`
      [
        {
          "annotations": {
            "summary": "p99 <b>over</b> 2 s & rising",
          },
          "generatorURL": "http://orchestrator.local/anomalies/1",
          "labels": {
            "alertname": "HighLatency",
            "model": "a",
            "severity": "critical",
          },
          "startsAt": "2026-01-01T00:00:00.000Z",
        },
        {
          "annotations": {
            "summary": "p99 <b>over</b> 2 s & rising",
          },
          "endsAt": "2026-01-01T00:05:00.000Z",
          "labels": {
            "alertname": "HighLatency",
            "model": "a",
            "severity": "critical",
          },
          "startsAt": "2026-01-01T00:00:00.000Z",
        },
      ]
    `);
  });
});
