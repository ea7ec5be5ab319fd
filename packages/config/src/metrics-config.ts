import { z } from 'zod';
import { secret } from './secret.js';

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/**
 * Schema of a histogram bucket layout: upper bounds that are finite,
 * strictly increasing and at least one. `+Inf` is always added on output.
 */
export const HistogramBuckets = z
  .array(z.number().finite())
  .min(1, 'expected at least one bucket bound')
  .superRefine((bounds, ctx) => {
    for (let i = 1; i < bounds.length; i++) {
      const previous = bounds[i - 1] as number;
      const bound = bounds[i] as number;
      if (bound <= previous) {
        ctx.addIssue({
          code: 'custom',
          path: [i],
          message: `expected bounds in strictly increasing order, received ${bound} after ${previous}`,
          input: bound,
        });
      }
    }
  });

/**
 * Bucket bounds of the OpenTelemetry GenAI semantic conventions
 * (`gen_ai.server.request.duration` and friends, semconv 1.3x), extended at
 * the top the way vLLM does for long generations.
 */
const DEFAULT_BUCKETS = {
  latency: [
    0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48,
    40.96, 81.92, 163.84, 327.68,
  ],
  queueTime: [
    0.001, 0.005, 0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12,
    10.24, 20.48, 40.96, 81.92,
  ],
  timeToFirstToken: [
    0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5,
    7.5, 10, 20, 40, 80,
  ],
  timePerOutputToken: [
    0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.75, 1, 2.5,
  ],
  batchSize: [1, 2, 4, 8, 16, 32, 64, 128, 256, 512],
  tokens: [
    1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304,
  ],
  loadDuration: [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600],
};

const bucketsWithDefault = (bounds: number[]) =>
  HistogramBuckets.default(() => [...bounds]);

/** Options of `PrometheusExporter` from `@mm-orch/metrics`. */
export const MetricsConfig = z
  .object({
    /** Whether metrics are recorded at all. @default true */
    enabled: z.boolean().default(true),
    /** Interface the scrape endpoint listens on. @default '127.0.0.1' */
    host: z.string().min(1).default('127.0.0.1'),
    /** TCP port of the scrape endpoint, 0 picks a free one. @default 9464 */
    port: z.number().int().min(0).max(65_535).default(9464),
    /** URL path of the scrape endpoint. @default '/metrics' */
    path: z
      .string()
      .regex(/^\/\S*$/, 'expected a path starting with "/"')
      .default('/metrics'),
    /** Prefix of every metric name of the standard set. @default 'mmorch_' */
    prefix: z
      .string()
      .regex(
        /^([a-zA-Z_:][a-zA-Z0-9_:]*)?$/,
        'expected a Prometheus metric name prefix such as "mmorch_"',
      )
      .default('mmorch_'),
    /** Labels added to every series, such as `{ instance: 'a' }`. @default {} */
    defaultLabels: z
      .record(
        z.string().regex(LABEL_NAME, 'expected a Prometheus label name'),
        z.string(),
      )
      .default({}),
    /** Histogram bucket upper bounds per metric family, in seconds or counts. */
    buckets: z
      .object({
        /** End-to-end request duration. @default OTel GenAI, to 327.68 s */
        latency: bucketsWithDefault(DEFAULT_BUCKETS.latency),
        /** Time a request waits in the queue. @default 0.001 s to 81.92 s */
        queueTime: bucketsWithDefault(DEFAULT_BUCKETS.queueTime),
        /** Time to first token. @default OTel GenAI, to 80 s */
        timeToFirstToken: bucketsWithDefault(DEFAULT_BUCKETS.timeToFirstToken),
        /** Time per output token. @default OTel GenAI, 0.01 s to 2.5 s */
        timePerOutputToken: bucketsWithDefault(
          DEFAULT_BUCKETS.timePerOutputToken,
        ),
        /** Requests per batch. @default powers of two, 1 to 512 */
        batchSize: bucketsWithDefault(DEFAULT_BUCKETS.batchSize),
        /** Tokens per request. @default OTel GenAI, powers of 4 to 4194304 */
        tokens: bucketsWithDefault(DEFAULT_BUCKETS.tokens),
        /** Model load duration. @default 0.1 s to 600 s */
        loadDuration: bucketsWithDefault(DEFAULT_BUCKETS.loadDuration),
      })
      .strict()
      .prefault({}),
    /** Whether to export process and Node.js runtime metrics. @default true */
    processMetrics: z.boolean().default(true),
    /** Whether to export GPU metrics from the GPU collector. @default true */
    gpuMetrics: z.boolean().default(true),
    /** Whether histograms keep the trace id of a recent observation. @default true */
    exemplars: z.boolean().default(true),
    /**
     * Series per metric past which new label sets are dropped and counted.
     * @default 10000
     */
    maxSeriesPerMetric: z.number().int().positive().default(10_000),
    /** Bearer token that scrapes must send, none when unset. @default undefined */
    bearerToken: secret(z.string().min(1)).optional(),
    /**
     * Metric names of the standard set: `mmorch` (prefixed names) or
     * `otel-genai` (OpenTelemetry GenAI names as Prometheus stores them).
     * @default 'mmorch'
     */
    naming: z.enum(['mmorch', 'otel-genai']).default('mmorch'),
  })
  .strict();

/**
 * Input type of `MetricsConfig`: the options a user may pass, before defaults.
 */
export type MetricsConfigInput = z.input<typeof MetricsConfig>;
/** Metrics options after defaults are applied. */
export type MetricsConfigOutput = z.output<typeof MetricsConfig>;
