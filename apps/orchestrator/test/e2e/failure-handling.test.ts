import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  fastSimulatedModel,
  postJson,
  type StartedApp,
  startApp,
} from '../support/start-app.js';
import { waitUntil } from '../support/wait-until.js';
import {
  startWebhookReceiver,
  type WebhookReceiver,
} from '../support/webhook-receiver.js';

let started: StartedApp | undefined;
let collector: WebhookReceiver | undefined;
let blocker: Server | undefined;
const openSockets: Socket[] = [];

afterEach(async () => {
  await started?.app.stop();
  await collector?.close();
  for (const socket of openSockets.splice(0)) {
    socket.destroy();
  }
  await new Promise((resolve) =>
    blocker ? blocker.close(resolve) : resolve(undefined),
  );
  started = undefined;
  collector = undefined;
  blocker = undefined;
});

function complete(prompt = 'still works') {
  return postJson(`${started!.url}/v1/completions`, { model: 'm', prompt });
}

async function getStatus() {
  const response = await fetch(`${started!.url}/status`);
  return (await response.json()) as {
    monitoring: Record<
      string,
      { degraded: boolean; degradationReason: string | null }
    >;
  };
}

describe('failure handling', () => {
  it('serves when metrics recording throws', async () => {
    started = await startApp({ models: [fastSimulatedModel('m')] });
    started.app.exporter!.recordInference = () => {
      throw new Error('metrics store broken');
    };

    const response = await complete();
    const status = await getStatus();

    expect(response.status).toBe(200);
    expect(status.monitoring.metrics!.degraded).toBe(true);
    expect(status.monitoring.metrics!.degradationReason).toMatch(
      /metrics store broken/,
    );
  });

  it('serves when the metrics port is taken', async () => {
    blocker = createServer();
    await new Promise<void>((resolve) =>
      blocker!.listen(0, '127.0.0.1', resolve),
    );
    const port = (blocker.address() as { port: number }).port;

    started = await startApp({
      models: [fastSimulatedModel('m')],
      metrics: { port },
    });
    const response = await complete();
    const status = await getStatus();

    expect(response.status).toBe(200);
    expect(started.metricsUrl).toBe('');
    expect(status.monitoring.metrics!.degradationReason).toMatch(
      /failed to start/,
    );
  });

  it('serves when the trace exporter fails', async () => {
    collector = await startWebhookReceiver(503);
    started = await startApp({
      models: [fastSimulatedModel('m')],
      tracing: {
        samplerRatio: 1,
        exporter: { type: 'otlp-http', url: collector.url, timeout: 500 },
        batch: { scheduledDelay: 20, exportTimeout: 500 },
      },
    });

    const responses = await Promise.all([
      complete('a'),
      complete('b'),
      complete('c'),
    ]);
    await waitUntil(() => started!.app.tracer!.getStatus().exportFailures > 0);
    const status = await getStatus();

    expect(responses.every((r) => r.status === 200)).toBe(true);
    expect(status.monitoring.tracing!.degraded).toBe(true);
    expect(status.monitoring.tracing!.degradationReason).toMatch(/export/);
  });

  it('serves when the trace exporter hangs', async () => {
    blocker = createServer((socket) => openSockets.push(socket));
    await new Promise<void>((resolve) =>
      blocker!.listen(0, '127.0.0.1', resolve),
    );
    const port = (blocker.address() as { port: number }).port;
    started = await startApp({
      models: [fastSimulatedModel('m')],
      tracing: {
        samplerRatio: 1,
        exporter: {
          type: 'otlp-http',
          url: `http://127.0.0.1:${port}/v1/traces`,
        },
        batch: { scheduledDelay: 10, maxExportBatchSize: 2, maxQueueSize: 4 },
        shutdownTimeout: 200,
      },
    });

    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) => complete(`hang ${i}`)),
    );

    expect(responses.every((r) => r.status === 200)).toBe(true);
    expect(
      started.app.tracer!.getStatus().droppedByReason.queueFull,
    ).toBeGreaterThan(0);
  });

  it('serves when span creation throws', async () => {
    started = await startApp({
      models: [fastSimulatedModel('m')],
      tracing: { samplerRatio: 1 },
    });
    started.app.tracer!.tracer.startSpan = () => {
      throw new Error('tracer broken');
    };

    const response = await complete();
    const status = await getStatus();

    expect(response.status).toBe(200);
    expect(status.monitoring.tracing!.degradationReason).toMatch(
      /tracer broken/,
    );
  });

  it('serves when the anomaly monitor throws', async () => {
    started = await startApp({ models: [fastSimulatedModel('m')] });
    started.app.monitor!.recordInference = () => {
      throw new Error('detector broken');
    };

    const response = await complete();
    const status = await getStatus();

    expect(response.status).toBe(200);
    expect(status.monitoring.anomaly!.degradationReason).toMatch(
      /detector broken/,
    );
  });

  it('reports healthy components as such', async () => {
    started = await startApp({ models: [fastSimulatedModel('m')] });

    await complete();
    const status = await getStatus();

    for (const name of ['metrics', 'tracing', 'anomaly', 'alerting']) {
      expect(status.monitoring[name]!.degraded, name).toBe(false);
    }
  });
});
