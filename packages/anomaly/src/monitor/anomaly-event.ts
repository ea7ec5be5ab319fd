/** Signal that an `AnomalyEvent` is about. */
export type AnomalySignal =
  | 'latency'
  | 'errorRate'
  | 'throughput'
  | 'noData'
  | 'resource'
  | 'resourceExhaustion'
  | 'staleResource';

/** Urgency of an anomaly. */
export type AnomalySeverity = 'warning' | 'critical';

/**
 * Anomaly reported to `PerformanceMonitor` subscribers when it fires and when
 * it resolves.
 */
export interface AnomalyEvent {
  /** Stable id shared by the firing and the resolved event of one anomaly. */
  id: string;
  /** Whether the anomaly just fired or just resolved. */
  status: 'firing' | 'resolved';
  /** Signal that is anomalous. */
  signal: AnomalySignal;
  /**
   * Model the signal belongs to, or `'*'` for a resource shared by all models.
   */
  model: string;
  /** Resource name (cpu, memory, eventLoopLag, gpu...) of resource signals. */
  resource?: string;
  /** Severity at the time the anomaly fired. */
  severity: AnomalySeverity;
  /**
   * Observed value that fired or resolved it (seconds for latency, ratio for
   * error rate, requests per second for throughput).
   */
  observed: number;
  /** Value the baseline expected. */
  expected: number;
  /** Lower edge of the normal band. */
  lower: number;
  /** Upper edge of the normal band. */
  upper: number;
  /** Anomaly score in [0, 1]. */
  score: number;
  /** Short reason, such as `'above band'` or `'throughput drop'`. */
  reason: string;
  /** Event time, in ms since the epoch, at which the anomaly fired. */
  startedAt: number;
  /**
   * Event time, in ms since the epoch, at which it resolved (resolved events
   * only).
   */
  resolvedAt?: number;
  /** Projected time to exhaustion in ms (resource exhaustion only). */
  timeToExhaustionMs?: number;
}

/** Function that receives anomaly events. */
export type AnomalyListener = (event: AnomalyEvent) => void;
