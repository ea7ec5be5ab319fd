import type { AnomalyConfigInput, Logger } from '@mm-orch/config';
import type { AnomalyEvent } from './anomaly-event.js';
import type { LatencyQuantiles } from './model-window.js';

/**
 * Options of `PerformanceMonitor`: `AnomalyConfig` fields plus runtime hooks.
 */
export interface PerformanceMonitorOptions extends AnomalyConfigInput {
  /** Logger for listener failures and degradation; silent when omitted. */
  logger?: Logger;
  /**
   * Clock in ms since the epoch, used for events without a timestamp and by the
   * timer. @default Date.now
   */
  clock?: () => number;
}

/** Event time: ms since the epoch, or a `Date`. */
export type EventTime = number | Date;

/** One finished inference request. */
export interface InferenceRecord {
  /** Model that served the request. */
  model: string;
  /** End-to-end latency in seconds. */
  latencySeconds: number;
  /**
   * Outcome: `'ok'`, `'error'` (or any other text for a failure), or an HTTP
   * status code (500 and above fail).
   */
  status?: string | number;
  /** Outcome as a flag; wins over `status` when both are given. */
  ok?: boolean;
  /** Prompt tokens. */
  inputTokens?: number;
  /** Generated tokens. */
  outputTokens?: number;
  /** When the request finished. @default the monitor's clock */
  timestamp?: EventTime;
}

/** One sample of a resource gauge. */
export interface ResourceSample {
  /** Resource name: cpu, memory, eventLoopLag, gpu, kvCache or any other. */
  resource: string;
  /** Sampled value in the resource's unit. */
  value: number;
  /** When the sample was taken. @default the monitor's clock */
  timestamp?: EventTime;
  /**
   * Model the resource belongs to; omitted for a resource shared by all models.
   */
  model?: string;
}

/** Aggregates of one model over the sliding window. */
export interface ModelSnapshot {
  /** Model name. */
  model: string;
  /** Start of the window, in ms since the epoch. */
  windowStartMs: number;
  /** End of the window (the current event time), in ms since the epoch. */
  windowEndMs: number;
  /** Requests in the window. */
  requests: number;
  /** Failed requests in the window. */
  errors: number;
  /** Failed requests divided by requests, `NaN` without requests. */
  errorRate: number;
  /** Requests per second over the window. */
  throughputPerSecond: number;
  /** Input plus output tokens per second over the window. */
  tokensPerSecond: number;
  /**
   * Latency quantiles in seconds, from a log-bucketed sketch (2% relative
   * error).
   */
  latencySeconds: LatencyQuantiles;
  /** Last sampled value of each resource of this model. */
  resources: Record<string, number>;
  /** Anomalies of this model that are firing. */
  anomalies: AnomalyEvent[];
}

/** Counts behind `MonitorStatus`. */
export interface MonitorCounts {
  /** Inference records accepted. */
  inferences: number;
  /** Resource samples accepted. */
  resourceSamples: number;
  /** Records and samples dropped because a field was invalid. */
  invalid: number;
  /**
   * Inference records and resource samples older than the open interval.
   * They are kept, not dropped: a late inference joins the open interval's
   * aggregates, and a late sample is scored as it arrives.
   */
  late: number;
  /** Records and samples dropped because `maxModels` was reached. */
  overModelLimit: number;
  /**
   * Resource samples dropped because their model (or the shared resources)
   * already had `maxResourcesPerModel` resources.
   */
  overResourceLimit: number;
  /** Empty intervals skipped after a long gap in event time. */
  skippedIntervals: number;
  /** Listener calls that threw. */
  listenerErrors: number;
  /** Anomaly events sent to listeners. */
  events: number;
}

/** Health of the monitor itself. */
export interface MonitorStatus {
  /** Whether anything was dropped or failed since the monitor started. */
  degraded: boolean;
  /** Causes of the degradation, when `degraded` is true. */
  degradationReason?: string;
  /** Whether detection runs (`enabled` option). */
  enabled: boolean;
  /** Models tracked. */
  models: number;
  /** Anomalies firing right now. */
  activeAnomalies: number;
  /** Intervals closed so far. */
  intervalsClosed: number;
  /** Latest event time seen, in ms since the epoch, or `NaN`. */
  eventTimeMs: number;
  /** Counts of accepted, dropped and failed work. */
  counts: MonitorCounts;
}
