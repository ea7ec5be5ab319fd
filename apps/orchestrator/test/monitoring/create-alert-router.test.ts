import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AlertRouter } from '@mm-orch/alerts';
import {
  AlertingConfig,
  type AlertingConfigInput,
  parseConfig,
  silentLogger,
} from '@mm-orch/config';
import { afterEach, describe, expect, it } from 'vitest';
import type { AlertDelivery } from '../../src/monitoring/alert-delivery.js';
import { createAlertRouter } from '../../src/monitoring/create-alert-router.js';
import { waitUntil } from '../support/wait-until.js';

let router: AlertRouter | undefined;
let server: Server | undefined;

afterEach(async () => {
  await router?.close(100);
  server?.closeAllConnections();
  server?.close();
  router = undefined;
  server = undefined;
});

/** Starts a loopback server that reads requests and never responds. */
async function startSilentServer(): Promise<string> {
  server = createServer((request) => request.resume());
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return `http://127.0.0.1:${port}/hook`;
}

function build(input: AlertingConfigInput, deliveries: AlertDelivery[] = []) {
  const config = parseConfig(AlertingConfig, input);
  router = createAlertRouter(config, silentLogger, (delivery) =>
    deliveries.push(delivery),
  );
  return router;
}

describe('createAlertRouter', () => {
  it('applies a destination timeout', async () => {
    const url = await startSilentServer();
    const router = build({
      timeout: '1m',
      retry: { attempts: 1 },
      route: { receiver: 'hook', groupWait: 0 },
      destinations: [{ type: 'webhook', name: 'hook', url, timeout: 50 }],
    });

    router.send({ name: 'Slow' });
    await waitUntil(() => router.getStatus().destinations.hook!.failed > 0);

    const status = router.getStatus().destinations.hook!;
    expect(status.lastError).toMatch(/timed out after 50 ms/);
  });

  it('reports deliveries with notifications', async () => {
    const deliveries: AlertDelivery[] = [];
    const router = build({ route: { groupWait: 0 } }, deliveries);

    router.send({ name: 'Seen', labels: { model: 'm' } });
    await waitUntil(() => deliveries.length > 0);

    expect(deliveries[0]!.destination).toBe('memory');
    expect(deliveries[0]!.notification.alerts[0]!.name).toBe('Seen');
  });
});
