import { histogramQuantiles, LatencyHistogram } from './latency-histogram.js';

/** Totals of one aggregation interval of one model. */
export class IntervalBucket {
  readonly latency = new LatencyHistogram();
  requests = 0;
  errors = 0;
  tokens = 0;

  /** Adds one inference. */
  add(latencySeconds: number, failed: boolean, tokens: number): void {
    this.requests += 1;
    if (failed) {
      this.errors += 1;
    }
    this.tokens += tokens;
    if (latencySeconds >= 0) {
      this.latency.add(latencySeconds);
    }
  }

  /** Empties the bucket for reuse. */
  clear(): void {
    this.latency.clear();
    this.requests = 0;
    this.errors = 0;
    this.tokens = 0;
  }
}

/** Latency quantiles in seconds, `NaN` when the window has no request. */
export interface LatencyQuantiles {
  p50: number;
  p95: number;
  p99: number;
  mean: number;
}

/** Aggregates of one model over the sliding window. */
export interface WindowTotals {
  requests: number;
  errors: number;
  tokens: number;
  latency: LatencyQuantiles;
}

/** Weight of the newest busy interval in `ModelWindow.busyMean`. */
const BUSY_MEAN_WEIGHT = 0.1;

/**
 * Sliding window of the last `size` closed intervals of one model plus the
 * open one. Buckets are reused, so memory stays fixed per model.
 */
export class ModelWindow {
  readonly current = new IntervalBucket();
  private readonly closed: IntervalBucket[];
  private next = 0;
  private filled = 0;
  /** Closed intervals in a row without a request. */
  idleIntervals = 0;
  /** Whether the model ever had a request. */
  active = false;
  /**
   * Exponentially weighted mean of requests per interval over intervals
   * that had requests: the rate that makes a silence unlikely.
   */
  busyMean = 0;

  constructor(readonly size: number) {
    this.closed = Array.from({ length: size }, () => new IntervalBucket());
  }

  /** Moves the open interval into the window and starts a new one. */
  closeInterval(): void {
    const slot = this.closed[this.next]!;
    slot.clear();
    slot.latency.merge(this.current.latency);
    slot.requests = this.current.requests;
    slot.errors = this.current.errors;
    slot.tokens = this.current.tokens;
    this.next = (this.next + 1) % this.size;
    this.filled = Math.min(this.size, this.filled + 1);
    this.idleIntervals =
      this.current.requests === 0 ? this.idleIntervals + 1 : 0;
    if (this.current.requests > 0) {
      this.busyMean =
        this.busyMean === 0
          ? this.current.requests
          : this.busyMean +
            BUSY_MEAN_WEIGHT * (this.current.requests - this.busyMean);
    }
    this.current.clear();
  }

  /** Closed intervals in the window. */
  get closedIntervals(): number {
    return this.filled;
  }

  /** Totals of the closed intervals in the window and the open one. */
  totals(): WindowTotals {
    const buckets = [this.current, ...this.closed.slice(0, this.filled)];
    let requests = 0;
    let errors = 0;
    let tokens = 0;
    let latencySum = 0;
    let latencyCount = 0;
    for (const bucket of buckets) {
      requests += bucket.requests;
      errors += bucket.errors;
      tokens += bucket.tokens;
      latencySum += bucket.latency.sum;
      latencyCount += bucket.latency.total;
    }

    const [p50, p95, p99] = histogramQuantiles(
      buckets.map((bucket) => bucket.latency),
      [0.5, 0.95, 0.99],
    );
    return {
      requests,
      errors,
      tokens,
      latency: {
        p50: p50!,
        p95: p95!,
        p99: p99!,
        mean: latencyCount > 0 ? latencySum / latencyCount : Number.NaN,
      },
    };
  }
}
