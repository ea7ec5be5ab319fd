import { join } from 'node:path';
import type { OrchestratorConfigInput } from '@mm-orch/config';

/** Options of `demoConfig`. */
export interface DemoConfigOptions {
  /** Replay speed-up; wall-clock settings are divided by it. */
  speed: number;
  /** Directory of the alert log that the `file` destination writes. */
  reportDir: string;
  /** Names of the conv and the code model. */
  models: { conv: string; code: string };
}

/**
 * Builds the orchestrator configuration of the demo: two simulated models
 * on free ports, and detection and alerting settings for a run where one
 * wall-clock second stands for `speed` seconds of the traces.
 *
 * The performance monitor runs on the replay's clock (event time moves
 * `speed` times faster than the wall clock), so its settings below read in
 * trace time, as they would on a real service: 10 s intervals, an anomaly
 * must last 30 s to fire. Alert grouping and timeouts run on the wall clock
 * and are scaled down instead.
 */
export function demoConfig(options: DemoConfigOptions): OrchestratorConfigInput {
  const wallMs = (traceMs: number) =>
    Math.max(Math.round(traceMs / options.speed), 50);

  return {
    server: { port: 0, requestTimeout: wallMs(120_000) },
    metrics: { port: 0 },
    resources: { interval: wallMs(10_000), gpu: false },
    models: [
      simulatedModel(options.models.conv),
      simulatedModel(options.models.code),
    ],
    anomaly: {
      interval: '10s',
      windowIntervals: 6,
      // The code trace goes silent for up to 217 s at a time, so a model
      // counts as silent only after 5 minutes without a request.
      noDataIntervals: 30,
      latency: {
        warmUp: 12,
        fireAfter: '30s',
        clearAfter: '1m',
        coolDown: '5m',
      },
      errorRate: { fireAfter: '30s', clearAfter: '1m', coolDown: '5m' },
      throughput: { fireAfter: '1m', clearAfter: '1m', coolDown: '5m' },
    },
    alerting: {
      destinations: [
        { type: 'memory', name: 'memory' },
        {
          type: 'file',
          name: 'alert-log',
          path: join(options.reportDir, 'demo-alerts.jsonl'),
        },
      ],
      // Each child route has `continue`, so every alert reaches both
      // destinations (Alertmanager semantics: the first matching child
      // wins unless it continues).
      route: {
        receiver: 'memory',
        groupBy: ['alertname', 'model'],
        groupWait: wallMs(30_000),
        groupInterval: wallMs(120_000),
        repeatInterval: '1h',
        routes: [
          { receiver: 'memory', continue: true },
          { receiver: 'alert-log', continue: true },
        ],
      },
    },
  };
}

// Timings are chosen so that both traces at 60x fit well within capacity on
// two cores: tens of milliseconds per request, batches of up to 16.
function simulatedModel(name: string) {
  return {
    name,
    maxBatchSize: 16,
    maxBatchDelay: 5,
    queueLimit: 1_024,
    concurrency: 16,
    adapter: {
      type: 'simulated' as const,
      baseLatency: 2,
      prefillPerToken: 0.001,
      decodePerToken: 0.1,
      batchOverhead: 0.1,
      jitter: 0.1,
    },
  };
}
