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
  /** Resident memory of the process before the run, in bytes. */
  baselineRssBytes: number;
}

/** Deadline of one request in the demo, in wall-clock ms. */
const REQUEST_DEADLINE_MS = 15_000;

/** Memory the demo process may grow by before a trend counts as a leak. */
const MEMORY_BUDGET_BYTES = 512 * 1_024 * 1_024;

/**
 * Builds the orchestrator configuration of the demo: two simulated models
 * on free ports, and detection and alerting settings for a run where one
 * wall-clock second stands for `speed` seconds of the traces.
 *
 * The performance monitor runs on the replay's clock, where event time moves
 * `speed` times faster than the wall clock. Its settings below therefore
 * read in trace time, as they would on a real service (one-minute
 * intervals, a latency anomaly must last 3 minutes to fire). Alert grouping
 * and resource sampling run on the wall clock, so their settings are
 * divided by `speed`.
 */
export function demoConfig(
  options: DemoConfigOptions,
): OrchestratorConfigInput {
  const wallMs = (traceMs: number) =>
    Math.max(Math.round(traceMs / options.speed), 50);

  return {
    // The simulated models run in wall time, and their longest healthy
    // request (1,899 output tokens of code) takes about 8 s, so the deadline
    // stays in wall time too, with room for batching and a loaded machine.
    server: { port: 0, requestTimeout: REQUEST_DEADLINE_MS },
    metrics: { port: 0 },
    resources: { interval: wallMs(10_000), gpu: false },
    models: [
      simulatedModel(options.models.conv, {
        baseLatency: 5,
        prefillPerToken: 0.002,
        decodePerToken: 1,
        maxBatchSize: 8,
      }),
      // A fixed 150 ms per call (scheduling, tokenizing, the hop to the
      // accelerator) makes the code model's own time large against the
      // event-loop delay of a shared process, so a fault shows in its p95.
      simulatedModel(options.models.code, {
        baseLatency: 150,
        prefillPerToken: 0.002,
        decodePerToken: 4,
        maxBatchSize: 2,
      }),
    ],
    anomaly: {
      // One-minute intervals hold enough requests of the code service, which
      // is quiet for long stretches, for a meaningful p90.
      interval: '1m',
      windowIntervals: 5,
      // The code trace goes silent for up to 217 s at a time, so a model
      // counts as silent only after 5 minutes without a request.
      noDataIntervals: 5,
      // Resident memory can stay flat for minutes in a healthy process, so
      // only a gauge frozen for an hour of samples counts as stale.
      frozenIntervals: 360,
      // Bursts after the code service's silences queue requests and lift
      // the p95 about as much as a 3x slowdown does, and output lengths are
      // heavy-tailed. Latency per output token removes the length, and its
      // p90 moves little with bursts but follows the model's own speed (in
      // replays of both traces, the median per token of the conv model
      // swung 2x without a fault). The detector judges it against a median
      // and MAD baseline, and skips an interval with fewer than 20 requests,
      // such as the first one after a silence.
      latency: {
        algorithm: 'robust',
        statistic: 'p90',
        per: 'outputToken',
        minSamples: 20,
        sensitivity: 0.4,
        warmUp: 4,
        fireAfter: '2m',
        clearAfter: '2m',
        coolDown: '10m',
      },
      errorRate: {
        algorithm: 'error-rate',
        warmUp: 3,
        fireAfter: '30s',
        clearAfter: '1m',
        coolDown: '5m',
      },
      // The code service switches between silence and bursts several times
      // an hour, so only a surge or drop that lasts 3 minutes fires.
      throughput: {
        algorithm: 'throughput',
        sensitivity: 0.2,
        fireAfter: '3m',
        clearAfter: '1m',
        coolDown: '10m',
      },
      // The load generator shares the process, so CPU, heap and event-loop
      // lag follow the replayed traffic; only long excursions count.
      resources: {
        // Memory is judged by its trend: a leak is a slope that would use
        // up the budget above the starting footprint within about half an
        // hour, while the slow growth of a warming process is not.
        memory: {
          algorithm: 'trend',
          capacity: options.baselineRssBytes + MEMORY_BUDGET_BYTES,
          fireAfter: '1m',
          clearAfter: '1m',
          coolDown: '10m',
        },
      },
      defaultResource: {
        sensitivity: 0.2,
        fireAfter: '3m',
        clearAfter: '1m',
        coolDown: '10m',
      },
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

// Decode costs at least 1 ms per token, as a streamed request costs anyway
// because each streamed step is its own timer. A batch returns when its
// longest request ends, and the outputs are heavy-tailed, so batches stay
// small and many run at once, well above both traces' busiest seconds at
// 60x. NOTE: the load generator runs in the same process, so on a busy
// two-core machine event-loop delay adds about as much latency as the code
// model's own time, which hides part of a 3x slowdown from the p95. That is
// why the latency detector above watches the p90 per output token.
function simulatedModel(
  name: string,
  timing: {
    baseLatency: number;
    prefillPerToken: number;
    decodePerToken: number;
    maxBatchSize: number;
  },
) {
  const { maxBatchSize, ...adapterTiming } = timing;
  return {
    name,
    maxBatchSize,
    maxBatchDelay: 5,
    queueLimit: 2_048,
    concurrency: 128,
    adapter: {
      type: 'simulated' as const,
      ...adapterTiming,
      batchOverhead: 0.02,
      jitter: 0.1,
    },
  };
}
