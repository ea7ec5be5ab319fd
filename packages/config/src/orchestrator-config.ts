import { z } from 'zod';
import { AlertingConfig } from './alerting-config.js';
import { AnomalyConfig } from './anomaly-config.js';
import { durationMs } from './duration.js';
import { MetricsConfig } from './metrics-config.js';
import { secret } from './secret.js';
import {
  ConsoleExporterConfig,
  MemoryExporterConfig,
  OtlpHttpExporterConfig,
  TracingConfig,
} from './tracing-config.js';

// Node.js runs a timer longer than 2^31 - 1 ms after 1 ms instead.
const MAX_TIMER_MS = 2_147_483_647;

/** HTTP server of the orchestrator. */
export const ServerConfig = z
  .object({
    /** Interface to listen on. @default "127.0.0.1" */
    host: z.string().min(1).default('127.0.0.1'),
    /** TCP port; 0 picks a free port. @default 8080 */
    port: z.number().int().min(0).max(65_535).default(8080),
    /** Largest accepted request body, in bytes. @default 1048576 */
    bodyLimit: z.number().int().positive().default(1_048_576),
    /**
     * Deadline of one inference request, in milliseconds (or "30s"); a
     * request still waiting or running then gets a 504. @default 30000
     */
    requestTimeout: durationMs().default(30_000),
    /**
     * Time that a graceful shutdown waits for in-flight requests, in
     * milliseconds (or "10s"). @default 10000
     */
    shutdownTimeout: durationMs().default(10_000),
  })
  .strict();

/** Faults that a simulated model injects; all can change at run time. */
export const SimulatedFaultConfig = z
  .object({
    /** Multiplier of every prefill and decode time. @default 1 */
    slowdownFactor: z.number().positive().default(1),
    /** Share of calls that fail, from 0 to 1. @default 0 */
    errorRate: z.number().min(0).max(1).default(0),
    /** Whether calls hang until the deadline or cancellation. @default false */
    stall: z.boolean().default(false),
    /**
     * Bytes of memory retained on each call, to simulate a leak.
     * @default 0
     */
    memoryGrowthBytes: z.number().int().min(0).default(0),
  })
  .strict();

/** Adapter that simulates an LLM server with prefill and decode timing. */
export const SimulatedAdapterConfig = z
  .object({
    type: z.literal('simulated'),
    /** Fixed time of every call, in milliseconds. @default 5 */
    baseLatency: durationMs().default(5),
    /** Prefill time per input token, in milliseconds. @default 0.05 */
    prefillPerToken: z.number().min(0).default(0.05),
    /** Decode time per output token, in milliseconds. @default 2 */
    decodePerToken: z.number().min(0).default(2),
    /**
     * Extra time per additional request in a batch, as a share of one
     * request's time (0.1 = each extra request adds 10%). @default 0.1
     */
    batchOverhead: z.number().min(0).default(0.1),
    /** Output tokens when a request sets no `max_tokens`. @default 16 */
    defaultMaxTokens: z.number().int().positive().default(16),
    /** Relative random spread of each duration, 0 to 1. @default 0.1 */
    jitter: z.number().min(0).max(1).default(0.1),
    /** Time that loading the model takes, in milliseconds. @default 0 */
    loadTime: durationMs().default(0),
    /** Faults active from the start. @default {} */
    faults: SimulatedFaultConfig.prefault({}),
  })
  .strict();

/** Adapter that forwards requests to an OpenAI-compatible server. */
export const HttpAdapterConfig = z
  .object({
    type: z.literal('http'),
    /** Base URL of the upstream, e.g. "http://127.0.0.1:8000/v1". */
    url: z.url({ protocol: /^https?$/ }),
    /** Bearer token sent to the upstream; redacted when printed. */
    apiKey: secret(z.string().min(1)).optional(),
    /**
     * Model name sent upstream; defaults to the model's own name.
     */
    upstreamModel: z.string().min(1).optional(),
    /** Timeout of one upstream call, in milliseconds. @default 60000 */
    timeout: durationMs().default(60_000),
  })
  .strict();

/**
 * Adapter that calls an async function registered in code under `name`
 * (see `createOrchestrator({ functions })` in the app).
 */
export const FunctionAdapterConfig = z
  .object({
    type: z.literal('function'),
    /** Name of the registered function; defaults to the model's name. */
    name: z.string().min(1).optional(),
  })
  .strict();

/** Backend of a model, chosen by `type`. */
export const ModelAdapterConfig = z.discriminatedUnion('type', [
  SimulatedAdapterConfig,
  HttpAdapterConfig,
  FunctionAdapterConfig,
]);

/** One model served by the orchestrator. */
export const ModelConfig = z
  .object({
    /** Name that clients send in the `model` field. */
    name: z.string().regex(/^[A-Za-z0-9._:/-]+$/, {
      message: 'expected letters, digits or . _ : / -',
    }),
    /** Backend of this model. */
    adapter: ModelAdapterConfig,
    /** Whether the model loads when the app starts. @default true */
    loadOnStart: z.boolean().default(true),
    /** Most requests sent to the model in one call. @default 8 */
    maxBatchSize: z.number().int().positive().default(8),
    /**
     * Longest time the first request of a batch waits for others, in
     * milliseconds; 0 sends whatever is queued at once. @default 5
     */
    maxBatchDelay: durationMs().default(5),
    /**
     * Most requests waiting for the model; more get a 429. @default 256
     */
    queueLimit: z.number().int().positive().default(256),
    /** Batches running at the same time. @default 1 */
    concurrency: z.number().int().positive().default(1),
    /** Response cache; `size: 0` turns it off. */
    cache: z
      .object({
        /** Time an entry stays valid, in milliseconds. @default 60000 */
        ttl: durationMs().default(60_000),
        /** Most entries kept (least recently used go first). @default 1000 */
        size: z.number().int().min(0).default(1000),
      })
      .strict()
      .prefault({}),
  })
  .strict();

/** Sampling of process resources (CPU, memory, event-loop lag, GPU). */
export const ResourceSamplingConfig = z
  .object({
    /** Whether resources are sampled. @default true */
    enabled: z.boolean().default(true),
    /** Time between two samples, in milliseconds (or "5s"). @default 5000 */
    interval: durationMs().default(5_000),
    /**
     * Whether GPUs are sampled through `nvidia-smi` when it is installed.
     * @default true
     */
    gpu: z.boolean().default(true),
  })
  .strict();

/** Settings for turning anomaly events into alerts. */
export const AnomalyAlertsConfig = z
  .object({
    /**
     * Time between two sends of a firing anomaly's alert, in milliseconds
     * (or "1m"). Each send sets the alert's `endsAt` four intervals ahead,
     * so the alert router resolves it on its own only when the app stops
     * sending. @default 60000
     */
    resendInterval: durationMs()
      .pipe(
        z
          .number()
          .positive({ error: 'expected a duration above 0' })
          .max(MAX_TIMER_MS, {
            error: `expected a duration of at most ${MAX_TIMER_MS} ms (about 24.8 days, the longest Node.js timer)`,
          }),
      )
      .default(60_000),
  })
  .strict();

/** Two simulated models, so the app runs with no config file. */
const DEFAULT_MODELS = [
  {
    name: 'sim-chat',
    adapter: { type: 'simulated' as const },
  },
  {
    name: 'sim-code',
    adapter: {
      type: 'simulated' as const,
      prefillPerToken: 0.08,
      decodePerToken: 1.5,
    },
  },
];

/**
 * `TracingConfig` with the app's defaults, which apply field by field, so a
 * section that sets only the exporter still samples 5%. Each traced
 * request makes four or five spans, so the app samples 5% of root traces
 * by default. Its memory exporter keeps the last 100 spans, enough to
 * inspect about 25 traced requests. Each young-generation collection
 * copies the held spans that are still young, and a span that survives
 * two of them moves to the old generation, whose collections delay
 * requests. With every request traced, keeping 1,000 spans (the library
 * keeps 10,000) cost the app about 3 points more of its throughput than
 * 100 (see the app's BENCHMARKS.md).
 */
export const AppTracingConfig = TracingConfig.extend({
  /** Fraction of root traces that are sampled. @default 0.05 */
  samplerRatio: z.number().min(0).max(1).default(0.05),
  /** Destination of finished spans. @default { type: "memory", maxSpans: 100 } */
  exporter: z
    .discriminatedUnion('type', [
      MemoryExporterConfig.extend({
        /** Maximum number of finished spans kept. @default 100 */
        maxSpans: MemoryExporterConfig.shape.maxSpans.unwrap().default(100),
      }),
      ConsoleExporterConfig,
      OtlpHttpExporterConfig,
    ])
    .prefault({ type: 'memory' }),
});

/** Configuration of the example orchestrator app and its monitoring. */
export const OrchestratorConfig = z
  .object({
    /** HTTP server. @default {} */
    server: ServerConfig.prefault({}),
    /** Served models. @default two simulated models, sim-chat and sim-code */
    models: z
      .array(ModelConfig)
      .default(() => DEFAULT_MODELS.map((model) => ModelConfig.parse(model)))
      .superRefine((models, ctx) => {
        const seen = new Set<string>();
        for (const [index, model] of models.entries()) {
          if (seen.has(model.name)) {
            ctx.addIssue({
              code: 'custom',
              path: [index, 'name'],
              message: `duplicate model name "${model.name}": give each model its own name`,
            });
          }
          seen.add(model.name);
        }
      }),
    /** Resource sampling. @default {} */
    resources: ResourceSamplingConfig.prefault({}),
    metrics: MetricsConfig.prefault({}),
    /**
     * Tracing, with two defaults of its own (see `AppTracingConfig`).
     * @default { samplerRatio: 0.05, exporter: { type: "memory", maxSpans: 100 } }
     */
    tracing: AppTracingConfig.prefault({}),
    anomaly: AnomalyConfig.prefault({}),
    alerting: AlertingConfig.prefault({}),
    /** Alerts raised by anomaly events. @default {} */
    anomalyAlerts: AnomalyAlertsConfig.prefault({}),
  })
  .strict();

/**
 * Input type of `OrchestratorConfig`: the options a user may pass,
 * before defaults.
 */
export type OrchestratorConfigInput = z.input<typeof OrchestratorConfig>;
/** Orchestrator options after defaults are applied. */
export type OrchestratorConfigOutput = z.output<typeof OrchestratorConfig>;
/** One model's options after defaults are applied. */
export type ModelConfigOutput = z.output<typeof ModelConfig>;
/** A model adapter's options after defaults are applied. */
export type ModelAdapterConfigOutput = z.output<typeof ModelAdapterConfig>;
/** Simulated faults after defaults are applied. */
export type SimulatedFaultConfigOutput = z.output<typeof SimulatedFaultConfig>;
