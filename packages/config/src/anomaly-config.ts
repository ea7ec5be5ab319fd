import { z } from 'zod';
import { durationMs } from './duration.js';

/** Names of the streaming detectors that `@mm-orch/anomaly` provides. */
export const DETECTOR_ALGORITHMS = [
  'ensemble',
  'suppressed-quantile',
  'seasonal-blend',
  'ewma',
  'robust',
  'quantile',
  'cusum',
  'trend',
  'seasonal',
  'error-rate',
  'throughput',
  'staleness',
] as const;

/** Name of one streaming detector. */
export type DetectorAlgorithm = (typeof DETECTOR_ALGORITHMS)[number];

/** Detector settings of one signal (latency, error rate, a resource...). */
export const SignalDetectorConfig = z
  .object({
    /** Whether this signal is watched at all. @default true */
    enabled: z.boolean().default(true),
    /** Detector that scores the signal. @default 'ensemble' */
    algorithm: z.enum(DETECTOR_ALGORITHMS).default('ensemble'),
    /** Points in the detector's bounded baseline window. @default 64 */
    window: z.number().int().min(4).max(100_000).default(64),
    /**
     * Sensitivity from 0 (never fires) to 1 (always fires). A point is
     * anomalous when its score is at least `1 - sensitivity`. @default 0.3
     */
    sensitivity: z.number().min(0).max(1).default(0.3),
    /** Points a detector learns from before it may fire. @default 30 */
    warmUp: z.number().int().min(0).max(1_000_000).default(30),
    /**
     * Quiet time after an anomaly resolves before it may fire again, in ms or a
     * duration string. @default '5m'
     */
    coolDown: durationMs('ms').default(300_000),
    /**
     * Events an interval needs before it is judged: requests for latency and
     * error rate, requests or silence for throughput. @default 20
     */
    minSamples: z.number().int().min(1).max(1_000_000).default(20),
    /**
     * Time an anomaly must persist before it fires, in ms or a duration string.
     * @default '1m'
     */
    fireAfter: durationMs('ms').default(60_000),
    /**
     * Time a signal must stay normal before its anomaly resolves, in ms or a
     * duration string. @default '2m'
     */
    clearAfter: durationMs('ms').default(120_000),
    /**
     * Capacity of a resource in its own unit (bytes, percent...), which lets
     * the trend detector estimate the time to exhaustion. @default undefined
     */
    capacity: z.number().positive().optional(),
    /**
     * Time an error-rate anomaly may last before its level becomes the new
     * baseline and the anomaly clears, in ms or a duration string. Unset, a
     * lasting rise keeps firing until the rate falls. Only the error-rate
     * signal reads it, because the other detectors keep learning during an
     * anomaly. @default undefined
     */
    acceptAfter: durationMs('ms').optional(),
  })
  .strict();

/**
 * Input type of `SignalDetectorConfig`: the options a user may pass,
 * before defaults.
 */
export type SignalDetectorConfigInput = z.input<typeof SignalDetectorConfig>;
/** Signal detector settings after defaults are applied. */
export type SignalDetectorConfigOutput = z.output<typeof SignalDetectorConfig>;

/** Latency statistics of an interval that the latency detector can watch. */
const LATENCY_STATISTICS = ['p50', 'p90', 'p95', 'p99', 'mean'] as const;

/**
 * Basis of one latency value: a whole request, or a request's latency
 * divided by its output tokens.
 */
const LATENCY_BASES = ['request', 'outputToken'] as const;

/** Latency detector settings: the signal settings plus what is watched. */
const LatencyDetectorConfig = SignalDetectorConfig.extend({
  /**
   * Statistic of each interval that the detector scores. The median ignores
   * the few slow requests of a burst, the tail quantiles catch them.
   * @default 'p95'
   */
  statistic: z.enum(LATENCY_STATISTICS).optional(),
  /**
   * Basis of each latency value. `'outputToken'` divides a request's latency
   * by its output tokens and skips requests without any, so that a change in
   * response length is not mistaken for a slower model. @default 'request'
   */
  per: z.enum(LATENCY_BASES).optional(),
}).strict();

/**
 * Signal settings whose `algorithm` defaults to `algorithm`, also when the
 * user sets other keys and leaves `algorithm` out.
 */
function signalWithAlgorithm(algorithm: DetectorAlgorithm) {
  return SignalDetectorConfig.extend({
    algorithm: z.enum(DETECTOR_ALGORITHMS).default(algorithm),
  })
    .strict()
    .prefault({});
}

/** Options of `PerformanceMonitor` from `@mm-orch/anomaly`. */
export const AnomalyConfig = z
  .object({
    /** Whether anomaly detection runs at all. @default true */
    enabled: z.boolean().default(true),
    /**
     * Length of one aggregation interval, in ms or a duration string. @default
     * '10s'
     */
    interval: durationMs('ms')
      .default(10_000)
      .refine((ms) => ms >= 1, 'expected an interval of at least 1 ms'),
    /**
     * Intervals in the sliding window behind the per-model snapshots. @default
     * 6
     */
    windowIntervals: z.number().int().min(1).max(1_000).default(6),
    /**
     * Intervals without any event before a model is reported as silent.
     * @default 3
     */
    noDataIntervals: z.number().int().min(1).max(10_000).default(3),
    /**
     * Requests that the model's usual rate predicts over the silent
     * intervals before silence counts as no data, so a model with sparse
     * traffic does not fire. Applied by the monitor when unset. @default 10
     */
    noDataMinExpected: z.number().min(0).max(1e9).optional(),
    /**
     * Identical samples in a row after which a resource gauge that used to
     * change counts as frozen. @default 30
     */
    frozenIntervals: z.number().int().min(2).max(100_000).default(30),
    /**
     * Models tracked at most; events of further models are counted and dropped.
     * @default 1000
     */
    maxModels: z.number().int().min(1).max(1_000_000).default(1_000),
    /**
     * Resources tracked at most per model (and among the shared resources);
     * samples of further resources are counted and dropped. @default 100
     */
    maxResourcesPerModel: z.number().int().min(1).max(100_000).optional(),
    /**
     * Whether an unref'ed wall-clock timer calls `tick()`; off, the caller
     * drives time. @default true
     */
    timer: z.boolean().default(true),
    /** Latency detector settings. */
    latency: LatencyDetectorConfig.prefault({}),
    /** Error-rate detector settings. @default algorithm 'error-rate' */
    errorRate: signalWithAlgorithm('error-rate'),
    /** Throughput detector settings. @default algorithm 'throughput' */
    throughput: signalWithAlgorithm('throughput'),
    /**
     * Settings per resource name (cpu, memory, eventLoopLag, gpu, kvCache or
     * any other); a resource without an entry uses `defaultResource`.
     */
    resources: z.record(z.string(), SignalDetectorConfig).default({}),
    /**
     * Settings of a resource that has no entry in `resources`. @default
     * algorithm 'ensemble'
     */
    defaultResource: SignalDetectorConfig.prefault({}),
  })
  .strict();

/**
 * Input type of `AnomalyConfig`: the options a user may pass, before defaults.
 */
export type AnomalyConfigInput = z.input<typeof AnomalyConfig>;
/** Anomaly options after defaults are applied. */
export type AnomalyConfigOutput = z.output<typeof AnomalyConfig>;
