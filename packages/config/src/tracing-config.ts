import { z } from 'zod';
import { durationMs } from './duration.js';
import { secret } from './secret.js';

// Node.js runs a timer longer than 2^31 - 1 ms after 1 ms instead, with a
// TimeoutOverflowWarning on stderr, so durations that set timers stop there.
const MAX_TIMER_MS = 2_147_483_647;

function timerDurationMs() {
  return durationMs().pipe(
    z.number().max(MAX_TIMER_MS, {
      error: `expected a duration of at most ${MAX_TIMER_MS} ms (about 24.8 days, the longest Node.js timer)`,
    }),
  );
}

/** Exporter that keeps finished spans in memory, for tests and debug pages. */
export const MemoryExporterConfig = z
  .object({
    type: z.literal('memory'),
    /**
     * Maximum number of finished spans kept. Past it the oldest spans are
     * dropped and counted. @default 10000
     */
    maxSpans: z.number().int().positive().default(10_000),
  })
  .strict();

/** Exporter that writes finished spans to standard output. */
export const ConsoleExporterConfig = z
  .object({ type: z.literal('console') })
  .strict();

/** Exporter that sends spans as OTLP/HTTP JSON to a collector. */
export const OtlpHttpExporterConfig = z
  .object({
    type: z.literal('otlp-http'),
    /**
     * Full URL of the collector's traces endpoint.
     * @default "http://localhost:4318/v1/traces"
     */
    url: z
      .url({ protocol: /^https?$/ })
      .default('http://localhost:4318/v1/traces'),
    /**
     * HTTP headers sent with every export, such as an API key. Redacted
     * whenever a config is printed. @default {}
     */
    headers: secret(z.record(z.string(), z.string())).default({}),
    /**
     * Time allowed for one export request, retries included, in
     * milliseconds or as a duration string. @default 10000
     */
    timeout: timerDurationMs().default(10_000),
    /** Compression of the request body. @default "none" */
    compression: z.enum(['none', 'gzip']).default('none'),
    /** Maximum number of export requests in flight at once. @default 30 */
    concurrencyLimit: z.number().int().positive().default(30),
  })
  .strict();

/** Destination of finished spans, selected by `type`. */
export const TracingExporterConfig = z.discriminatedUnion('type', [
  MemoryExporterConfig,
  ConsoleExporterConfig,
  OtlpHttpExporterConfig,
]);

/** Limits of the batch span processor in front of non-memory exporters. */
export const BatchProcessorConfig = z
  .object({
    /**
     * Maximum number of ended spans waiting for export. Spans that end while
     * the queue is full are dropped and counted. @default 2048
     */
    maxQueueSize: z.number().int().positive().default(2048),
    /** Maximum number of spans sent in one export. @default 512 */
    maxExportBatchSize: z.number().int().positive().default(512),
    /** Delay between two scheduled exports, in milliseconds. @default 5000 */
    scheduledDelay: timerDurationMs().default(5_000),
    /**
     * Time after which one export counts as failed, in milliseconds.
     * @default 30000
     */
    exportTimeout: timerDurationMs().default(30_000),
  })
  .strict()
  .superRefine(
    (batch, ctx) => {
      if (batch.maxExportBatchSize > batch.maxQueueSize) {
        ctx.addIssue({
          code: 'custom',
          path: ['maxExportBatchSize'],
          input: batch.maxExportBatchSize,
          message: `maxExportBatchSize ${batch.maxExportBatchSize} exceeds maxQueueSize ${batch.maxQueueSize}, lower it or raise maxQueueSize`,
          params: {
            expected: `a number <= maxQueueSize (${batch.maxQueueSize})`,
          },
        });
      }
    },
    // Runs beside problems in other fields, so that all are listed at once.
    { when: (payload) => batchSizesValid(payload.value) },
  );

function batchSizesValid(value: unknown): boolean {
  const sizes = value as Record<string, unknown> | undefined;
  return isCount(sizes?.maxQueueSize) && isCount(sizes?.maxExportBatchSize);
}

function isCount(value: unknown): boolean {
  return Number.isInteger(value) && (value as number) > 0;
}

/** Per-span limits, applied by the SDK when attributes, events or links are added. */
export const SpanLimitsConfig = z
  .object({
    /** Maximum number of attributes per span. @default 128 */
    attributeCountLimit: z.number().int().nonnegative().default(128),
    /**
     * Maximum length of a string attribute value. Longer values are
     * truncated, and the length is unlimited when not set.
     */
    attributeValueLengthLimit: z.number().int().nonnegative().optional(),
    /** Maximum number of events per span. @default 128 */
    eventCountLimit: z.number().int().nonnegative().default(128),
    /**
     * Maximum number of links per span, which bounds the members a batch
     * span can link to. @default 128
     */
    linkCountLimit: z.number().int().nonnegative().default(128),
  })
  .strict();

/** Options of `OTelTracer` from `@mm-orch/tracing`. */
export const TracingConfig = z
  .object({
    /**
     * Whether spans are recorded at all. A disabled tracer runs the traced
     * functions directly. @default true
     */
    enabled: z.boolean().default(true),
    /** Value of the `service.name` resource attribute. @default "mm-orch" */
    serviceName: z.string().min(1).default('mm-orch'),
    /** Value of the `service.version` resource attribute, if any. */
    serviceVersion: z.string().min(1).optional(),
    /** Destination of finished spans. @default { type: "memory" } */
    exporter: TracingExporterConfig.prefault({ type: 'memory' }),
    /**
     * Fraction of root traces that are sampled, from 0 to 1. Child spans
     * follow their parent's decision. @default 1
     */
    samplerRatio: z.number().min(0).max(1).default(1),
    /** Limits of the batch span processor. */
    batch: BatchProcessorConfig.prefault({}),
    /** Per-span limits on attributes, events and links. */
    spanLimits: SpanLimitsConfig.prefault({}),
    /**
     * Maximum time `forceFlush()` waits, in milliseconds, even when the
     * exporter hangs. @default 5000
     */
    flushTimeout: timerDurationMs().default(5_000),
    /**
     * Maximum time `shutdown()` waits, in milliseconds, even when the
     * exporter hangs. @default 5000
     */
    shutdownTimeout: timerDurationMs().default(5_000),
    /**
     * Minimum time between two log lines about the same kind of export
     * failure, in milliseconds. @default 60000
     */
    errorLogInterval: durationMs().default(60_000),
  })
  .strict();

/** Options a user may pass to `TracingConfig`, before defaults. */
export type TracingConfigInput = z.input<typeof TracingConfig>;
/** Tracing options after defaults are applied. */
export type TracingConfigOutput = z.output<typeof TracingConfig>;
/** Exporter options after defaults are applied, one variant per `type`. */
export type TracingExporterConfigOutput = z.output<
  typeof TracingExporterConfig
>;
