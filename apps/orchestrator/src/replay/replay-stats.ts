import { percentile, sortedCopy } from './percentile.js';
import type { ReplayOutcome, ReplayResult } from './replay-trace.js';

/** Latency, throughput and error figures of one time bucket of one model. */
export interface TimelinePoint {
  /** Start of the bucket, in ms since the replay began. */
  startMs: number;
  /** Latency percentiles of the requests that ended in the bucket, ms. */
  p50Ms: number;
  /** 95th percentile latency, ms (`NaN` when nothing completed). */
  p95Ms: number;
  /** 99th percentile latency, ms (`NaN` when nothing completed). */
  p99Ms: number;
  /** Completed requests per second of replay time. */
  throughput: number;
  /**
   * Share of the requests that ended in the bucket with an error or a
   * timeout, 0 to 1. Rejections (429, 503) do not count as failures.
   */
  errorRate: number;
}

/** Totals and latency percentiles of one model over a whole replay. */
export interface ModelSummary {
  /** Model name. */
  model: string;
  /** Requests that reached an outcome, dropped ones included. */
  requests: number;
  /** Requests with a 2xx response. */
  completed: number;
  /** Requests the server shed (429, 503). */
  rejected: number;
  /** Failed requests: other statuses, network errors and timeouts. */
  errors: number;
  /** Arrivals not sent because of the concurrency limit. */
  dropped: number;
  /** Completed requests per second over the replay's wall time. */
  throughput: number;
  /** Median latency of completed requests, ms. */
  p50Ms: number;
  /** 95th percentile latency of completed requests, ms. */
  p95Ms: number;
  /** 99th percentile latency of completed requests, ms. */
  p99Ms: number;
  /** Median time to first token of streamed requests, ms (`NaN` if none). */
  ttftP50Ms: number;
  /** Share of completed requests served from the response cache. */
  cacheHitRate: number;
}

interface ModelState {
  counts: Record<ReplayOutcome, number>;
  latencies: number[];
  ttfts: number[];
  cacheHits: number;
  buckets: Map<number, { latencies: number[]; failed: number; ended: number }>;
}

const RECENT_LIMIT = 512;

/** Per-model statistics of replay results, fed one result at a time. */
export class ReplayStats {
  readonly #bucketMs: number;
  readonly #models = new Map<string, ModelState>();
  readonly #recent: number[] = [];
  #recentNext = 0;
  #sent = 0;

  /** Creates an empty collector with timeline buckets of `bucketMs`. */
  constructor(bucketMs = 1_000) {
    this.#bucketMs = bucketMs;
  }

  /** Requests sent so far, ended or not. */
  get sent(): number {
    return this.#sent;
  }

  /** Counts one request as sent. */
  addSent(): void {
    this.#sent++;
  }

  /** Adds one result. */
  add(result: ReplayResult): void {
    const state = this.#state(result.model);
    state.counts[result.outcome]++;
    if (result.outcome === 'cancelled' || result.outcome === 'dropped') {
      return;
    }

    const key = Math.floor(result.endMs / this.#bucketMs);
    let bucket = state.buckets.get(key);
    if (!bucket) {
      bucket = { latencies: [], failed: 0, ended: 0 };
      state.buckets.set(key, bucket);
    }
    bucket.ended++;
    if (result.outcome === 'rejected') {
      return;
    }
    if (result.outcome !== 'ok') {
      bucket.failed++;
      return;
    }

    const latency = result.latencyMs ?? 0;
    bucket.latencies.push(latency);
    state.latencies.push(latency);
    if (result.ttftMs !== undefined) {
      state.ttfts.push(result.ttftMs);
    }
    if (result.cached) {
      state.cacheHits++;
    }
    this.#remember(latency);
  }

  /** Returns the totals over all models. */
  totals(): Record<ReplayOutcome, number> {
    const totals = emptyCounts();
    for (const state of this.#models.values()) {
      for (const outcome of Object.keys(totals) as ReplayOutcome[]) {
        totals[outcome] += state.counts[outcome];
      }
    }
    return totals;
  }

  /** Returns the 95th percentile of the last 512 completed latencies, ms. */
  recentP95(): number {
    return percentile(sortedCopy(this.#recent), 0.95);
  }

  /** Returns the names of the models seen so far, in order of appearance. */
  models(): string[] {
    return [...this.#models.keys()];
  }

  /** Returns the summary of `model` over `elapsedMs` of replay. */
  summary(model: string, elapsedMs: number): ModelSummary {
    const state = this.#state(model);
    const { counts } = state;
    const latencies = sortedCopy(state.latencies);
    const requests = Object.values(counts).reduce((a, b) => a + b, 0);
    return {
      model,
      requests: requests - counts.cancelled,
      completed: counts.ok,
      rejected: counts.rejected,
      errors: counts.error + counts.timeout,
      dropped: counts.dropped,
      throughput: elapsedMs > 0 ? counts.ok / (elapsedMs / 1_000) : 0,
      p50Ms: percentile(latencies, 0.5),
      p95Ms: percentile(latencies, 0.95),
      p99Ms: percentile(latencies, 0.99),
      ttftP50Ms: percentile(sortedCopy(state.ttfts), 0.5),
      cacheHitRate: counts.ok > 0 ? state.cacheHits / counts.ok : 0,
    };
  }

  /**
   * Returns one point per bucket of `model` from the start up to
   * `elapsedMs`, with empty buckets as zero throughput and `NaN` latency.
   */
  timeline(model: string, elapsedMs: number): TimelinePoint[] {
    const state = this.#state(model);
    const points: TimelinePoint[] = [];
    const last = Math.ceil(elapsedMs / this.#bucketMs);
    for (let key = 0; key < last; key++) {
      const bucket = state.buckets.get(key);
      const sorted = sortedCopy(bucket?.latencies ?? []);
      points.push({
        startMs: key * this.#bucketMs,
        p50Ms: percentile(sorted, 0.5),
        p95Ms: percentile(sorted, 0.95),
        p99Ms: percentile(sorted, 0.99),
        throughput: sorted.length / (this.#bucketMs / 1_000),
        errorRate:
          bucket && bucket.ended > 0 ? bucket.failed / bucket.ended : 0,
      });
    }
    return points;
  }

  #state(model: string): ModelState {
    let state = this.#models.get(model);
    if (!state) {
      state = {
        counts: emptyCounts(),
        latencies: [],
        ttfts: [],
        cacheHits: 0,
        buckets: new Map(),
      };
      this.#models.set(model, state);
    }
    return state;
  }

  #remember(latency: number): void {
    if (this.#recent.length < RECENT_LIMIT) {
      this.#recent.push(latency);
      return;
    }
    this.#recent[this.#recentNext] = latency;
    this.#recentNext = (this.#recentNext + 1) % RECENT_LIMIT;
  }
}

function emptyCounts(): Record<ReplayOutcome, number> {
  return { ok: 0, rejected: 0, error: 0, timeout: 0, dropped: 0, cancelled: 0 };
}
