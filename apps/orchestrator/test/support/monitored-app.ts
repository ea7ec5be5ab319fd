import type { AnomalyEvent } from '@mm-orch/anomaly';
import type { OrchestratorConfigInput } from '@mm-orch/config';
import { EventClock } from './event-clock.js';
import {
  fastSimulatedModel,
  postJson,
  type StartedApp,
  startApp,
} from './start-app.js';

/** Length of one monitor interval, in event-time milliseconds. */
export const INTERVAL_MS = 1000;
const DETECTOR = {
  warmUp: 10,
  window: 16,
  fireAfter: 0,
  clearAfter: 0,
  coolDown: 0,
  minSamples: 4,
};

/** An app whose performance monitor runs on a manual event clock. */
export interface MonitoredApp {
  app: StartedApp['app'];
  url: string;
  clock: EventClock;
  events: AnomalyEvent[];
}

/**
 * Starts an app with one simulated model named "watched" whose monitor
 * closes an interval only when `runInterval` advances the clock.
 */
export async function startMonitored(
  extra: OrchestratorConfigInput = {},
): Promise<MonitoredApp> {
  const clock = new EventClock();
  const started = await startApp(
    {
      models: [
        fastSimulatedModel('watched', {
          cache: { size: 0 },
          adapter: {
            type: 'simulated',
            baseLatency: 20,
            decodePerToken: 1,
            jitter: 0.2,
            defaultMaxTokens: 4,
          },
        }),
      ],
      anomaly: {
        interval: INTERVAL_MS,
        timer: false,
        latency: DETECTOR,
        errorRate: { ...DETECTOR, algorithm: 'error-rate' },
        throughput: { ...DETECTOR, algorithm: 'throughput', minSamples: 1 },
      },
      ...extra,
    },
    { clock: clock.now },
  );
  const events: AnomalyEvent[] = [];
  started.app.onAnomaly((event) => events.push(event));
  return { app: started.app, url: started.url, clock, events };
}

/** Sends `requests` requests, then closes one monitor interval. */
export async function runInterval(
  context: MonitoredApp,
  requests: number,
): Promise<void> {
  await Promise.all(
    Array.from({ length: requests }, (_, i) =>
      postJson(`${context.url}/v1/completions`, {
        model: 'watched',
        prompt: `p${i}`,
      }),
    ),
  );
  context.clock.advance(INTERVAL_MS);
  context.app.monitor!.tick(context.clock.now());
}
