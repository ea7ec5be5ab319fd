/** Outcome of one finished request, such as `ok`, `error` or `timeout`. */
export type InferenceStatus = string;

/** One finished request, as recorded by `recordInference`. */
export interface InferenceRecord {
  /** Model name, a bounded label value. */
  model: string;
  /** End-to-end duration of the request, in seconds. */
  durationSeconds: number;
  /** Outcome of the request (`ok`, `error`, `timeout`, `cancelled`, ...). */
  status: InferenceStatus;
  /** Time spent waiting in the queue, in seconds. */
  queueSeconds?: number;
  /** Time to the first output token, in seconds. */
  ttftSeconds?: number;
  /** Mean time per output token after the first, in seconds; derived from
   * `durationSeconds`, `ttftSeconds` and `outputTokens` when absent. */
  tpotSeconds?: number;
  /** Prefill (prompt processing) time, in seconds. */
  prefillSeconds?: number;
  /** Decode (generation) time, in seconds. */
  decodeSeconds?: number;
  /** Model execution time without queueing, in seconds. */
  inferenceSeconds?: number;
  /** Prompt tokens of the request. */
  inputTokens?: number;
  /** Generated tokens of the request. */
  outputTokens?: number;
  /** Size of the batch the request ran in. */
  batchSize?: number;
  /** Why generation ended (`stop`, `length`, ...), a bounded label value. */
  finishReason?: string;
  /** Error class of a failed request (`timeout`, `oom`, ...). */
  errorType?: string;
  /** Trace id of the request, kept as an exemplar on latency buckets. */
  traceId?: string;
}

/** Events of a model's lifecycle. */
export type ModelLifecycleEvent =
  | 'load'
  | 'loaded'
  | 'unload'
  | 'unloaded'
  | 'failed'
  | 'warmup';

/** One model lifecycle event, as recorded by `recordModelLifecycle`. */
export interface ModelLifecycleRecord {
  /** Model name. */
  model: string;
  /** What happened to the model. */
  event: ModelLifecycleEvent;
  /** Duration of the load (for `loaded`) or of the step, in seconds. */
  durationSeconds?: number;
}

/** One response-cache lookup, as recorded by `recordCache`. */
export interface CacheRecord {
  /** Model name. */
  model: string;
  /** Whether the lookup found a cached response. */
  hit: boolean;
}

/** One error outside a finished request, as recorded by `recordError`. */
export interface ErrorRecord {
  /** Model name. */
  model: string;
  /** Error class, a bounded label value (`timeout`, `oom`, `adapter`). */
  type: string;
}

/** Reasons for which an observation is dropped and counted. */
export type DropReason =
  | 'invalid_value'
  | 'invalid_label'
  | 'series_limit'
  | 'invalid_exemplar';

/** Health and counters of an exporter, as returned by `getStatus()`. */
export interface MetricsStatus {
  /** Whether recording is enabled. */
  enabled: boolean;
  /** Address of the scrape endpoint while it listens, otherwise null. */
  serving: { host: string; port: number; path: string; url: string } | null;
  /** Series held by all metrics of the exporter. */
  series: number;
  /** Dropped observations per reason, over all metrics. */
  dropped: Record<DropReason, number>;
  /** Whether some part of the exporter does not work as configured. */
  degraded: boolean;
  /** Why the exporter is degraded, null when it is not. */
  degradationReason: string | null;
  /** Last problem met, with the time (ms since the epoch) it happened. */
  lastError: { message: string; at: number } | null;
}
