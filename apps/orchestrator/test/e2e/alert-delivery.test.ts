import { afterEach, describe, expect, it } from 'vitest';
import type { AlertDelivery } from '../../src/monitoring/alert-delivery.js';
import {
  type MonitoredApp,
  runInterval,
  startMonitored,
} from '../support/monitored-app.js';
import { waitUntil } from '../support/wait-until.js';
import {
  startWebhookReceiver,
  type WebhookReceiver,
} from '../support/webhook-receiver.js';

let context: MonitoredApp | undefined;
let receiver: WebhookReceiver | undefined;

afterEach(async () => {
  await context?.app.stop();
  await receiver?.close();
  context = undefined;
  receiver = undefined;
});

/** Starts a monitored app whose alerts go to a memory and a webhook destination. */
async function startWithDestinations(webhookStatus: number) {
  receiver = await startWebhookReceiver(webhookStatus);
  context = await startMonitored({
    alerting: {
      destinations: [
        { type: 'memory', name: 'ops' },
        { type: 'webhook', name: 'hook', url: receiver.url },
      ],
      route: {
        receiver: 'ops',
        groupWait: 0,
        routes: [{ receiver: 'ops', continue: true }, { receiver: 'hook' }],
      },
      retry: { attempts: 3, baseBackoff: 10, maxBackoff: 20, jitter: 0 },
    },
  });
  const deliveries: AlertDelivery[] = [];
  context.app.onAlert((delivery) => deliveries.push(delivery));
  return { context, receiver, deliveries };
}

/** Runs normal traffic, then an error burst that fires an anomaly. */
async function raiseErrorBurst(app: MonitoredApp) {
  for (let i = 0; i < 12; i++) {
    await runInterval(app, 8);
  }
  app.app.setFault('watched', { errorRate: 0.9 });
  for (let i = 0; i < 3; i++) {
    await runInterval(app, 8);
  }
}

describe('alert delivery', () => {
  it('reaches several destinations', async () => {
    const { context, receiver, deliveries } = await startWithDestinations(200);

    await raiseErrorBurst(context);
    // Under load a latency alert may arrive too, so the check looks for the
    // error-rate alert by name at each destination.
    const errorRate = () =>
      deliveries.filter(
        (d) => d.notification.alerts[0]?.name === 'InferenceErrorRateAnomaly',
      );
    await waitUntil(
      () => new Set(errorRate().map((d) => d.destination)).size === 2,
    );

    const alert = errorRate()[0]!.notification.alerts[0]!;
    expect(alert.labels.model).toBe('watched');
    expect(JSON.stringify(receiver.bodies)).toContain(
      'InferenceErrorRateAnomaly',
    );
  });

  it('dead-letters a failing destination', async () => {
    const { context, receiver, deliveries } = await startWithDestinations(500);

    await raiseErrorBurst(context);
    const router = context.app.router!;
    // Under load a latency alert may be dead-lettered beside the error-rate
    // one, so each dead letter accounts for three attempts.
    await waitUntil(
      () => router.getStatus().destinations.hook!.deadLettered >= 1,
    );

    const deadLettered = router.getStatus().destinations.hook!.deadLettered;
    expect(receiver.attempts).toBeGreaterThanOrEqual(3 * deadLettered);
    expect(deliveries.map((d) => d.destination)).toContain('ops');
    const status = context.app.status().monitoring.alerting;
    expect(status.degraded).toBe(true);
    expect(status.degradationReason).toMatch(/hook/);
  });
});
