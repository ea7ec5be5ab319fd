import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { AlertRouter } from '../../src/alert-router.js';
import {
  type AlertmanagerProcess,
  startAlertmanager,
} from '../helpers/alertmanager-process.js';
import {
  type LoopbackServer,
  startLoopbackServer,
} from '../helpers/loopback-server.js';

let receiver: LoopbackServer;
let alertmanager: AlertmanagerProcess;
let router: AlertRouter;

beforeAll(async () => {
  receiver = await startLoopbackServer();
  alertmanager = await startAlertmanager(`${receiver.url}/am-hook`);
  router = new AlertRouter({
    destinations: [{ type: 'alertmanager', name: 'am', url: alertmanager.url }],
    route: { groupWait: 0 },
  });
  router.send({
    name: 'ModelLatencyHigh',
    severity: 'critical',
    labels: { model: 'llama' },
    annotations: { summary: 'p99 over 2 s' },
    generatorURL: 'http://127.0.0.1/anomalies/1',
  });
  await router.flush(5_000);
});

afterAll(async () => {
  await router?.close(100);
  await alertmanager?.stop();
  await receiver?.close();
});

describe('real Alertmanager', () => {
  test('accepts the posted alert', () => {
    expect(router.getStatus().destinations.am?.delivered).toBe(1);
  });

  test('lists the alert in /api/v2/alerts', async () => {
    const response = await fetch(`${alertmanager.url}/api/v2/alerts`);
    const alerts = (await response.json()) as { labels: object }[];
    expect(alerts.map((alert) => alert.labels)).toEqual([
      { alertname: 'ModelLatencyHigh', model: 'llama', severity: 'critical' },
    ]);
  });

  test('delivers it through its webhook', async () => {
    await receiver.waitForRequests(1);
    const body = JSON.parse(receiver.requests[0]?.body ?? '');
    expect(receiver.requests[0]?.path).toBe('/am-hook');
    expect(body.status).toBe('firing');
    expect(body.alerts[0].labels.model).toBe('llama');
    expect(body.alerts[0].annotations.summary).toBe('p99 over 2 s');
  });

  test('resolves it through its webhook', async () => {
    router.send({
      name: 'ModelLatencyHigh',
      severity: 'critical',
      labels: { model: 'llama' },
      status: 'resolved',
    });
    await router.flush(5_000);
    await vi.waitFor(
      () => {
        const last = receiver.requests.at(-1);
        expect(JSON.parse(last?.body ?? '{}').status).toBe('resolved');
      },
      { timeout: 10_000, interval: 200 },
    );
  });
});
