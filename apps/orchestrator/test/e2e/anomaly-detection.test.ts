import type { AnomalyEvent } from '@mm-orch/anomaly';
import { afterEach, describe, expect, it } from 'vitest';
import type { Orchestrator } from '../../src/orchestrator.js';
import {
  type MonitoredApp,
  runInterval,
  startMonitored,
} from '../support/monitored-app.js';
import {
  fastSimulatedModel,
  postJson,
  startApp,
} from '../support/start-app.js';
import { waitUntil } from '../support/wait-until.js';

let context: MonitoredApp | undefined;
let stopLater: Orchestrator | undefined;

afterEach(async () => {
  await context?.app.stop();
  await stopLater?.stop();
  context = undefined;
  stopLater = undefined;
});

function firing(events: AnomalyEvent[], signal: AnomalyEvent['signal']) {
  return events.filter(
    (event) => event.signal === signal && event.status === 'firing',
  );
}

describe('anomaly detection end to end', () => {
  it('detects an injected slowdown', async () => {
    context = await startMonitored();
    for (let i = 0; i < 14; i++) {
      await runInterval(context, 6);
    }
    expect(firing(context.events, 'latency')).toHaveLength(0);

    context.app.setFault('watched', { slowdownFactor: 10 });
    for (let i = 0; i < 3; i++) {
      await runInterval(context, 6);
    }

    expect(firing(context.events, 'latency')[0]?.model).toBe('watched');
  });

  it('detects an error burst', async () => {
    context = await startMonitored();
    for (let i = 0; i < 12; i++) {
      await runInterval(context, 8);
    }

    context.app.setFault('watched', { errorRate: 0.9 });
    for (let i = 0; i < 3; i++) {
      await runInterval(context, 8);
    }

    expect(firing(context.events, 'errorRate')[0]?.model).toBe('watched');
  });

  it('detects a throughput drop', async () => {
    context = await startMonitored();
    for (let i = 0; i < 12; i++) {
      await runInterval(context, 40);
    }

    for (let i = 0; i < 3; i++) {
      await runInterval(context, 2);
    }

    expect(firing(context.events, 'throughput')[0]?.reason).toBe(
      'throughput drop',
    );
  });

  it('follows a shifted normal latency', async () => {
    context = await startMonitored();
    for (let i = 0; i < 12; i++) {
      await runInterval(context, 6);
    }

    context.app.setFault('watched', { slowdownFactor: 3 });
    for (let i = 0; i < 40; i++) {
      await runInterval(context, 6);
    }

    const latency = context.events.filter(
      (event) => event.signal === 'latency',
    );
    expect(latency.some((event) => event.status === 'firing')).toBe(true);
    expect(latency.at(-1)?.status).toBe('resolved');
    expect(context.app.monitor!.getActiveAnomalies()).toHaveLength(0);
  });

  it('detects a resource anomaly', async () => {
    const started = await startApp({
      models: [fastSimulatedModel('leaky', { cache: { size: 0 } })],
      resources: { enabled: true, interval: 20, gpu: false },
      anomaly: {
        defaultResource: { warmUp: 10, window: 16, fireAfter: 0, coolDown: 0 },
      },
    });
    stopLater = started.app;
    const events: AnomalyEvent[] = [];
    started.app.onAnomaly((event) => events.push(event));
    await waitUntil(
      () => started.app.monitor!.getStatus().counts.resourceSamples >= 60,
    );

    started.app.setFault('leaky', { memoryGrowthBytes: 64 * 1024 * 1024 });
    for (let i = 0; i < 3; i++) {
      await postJson(`${started.url}/v1/completions`, {
        model: 'leaky',
        prompt: `leak ${i}`,
      });
    }
    await waitUntil(() =>
      events.some(
        (event) => event.resource === 'memory' && event.status === 'firing',
      ),
    );

    const memory = events.find((event) => event.resource === 'memory');
    expect(memory?.signal).toMatch(/^resource/);
    expect(memory?.model).toBe('*');
  });
});
