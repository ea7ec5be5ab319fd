/**
 * Ratio between the edges of neighbouring buckets: quantiles are within 2% of
 * the truth.
 */
const GAMMA = 1.04;
/** Smallest latency the histogram distinguishes, in seconds (1 µs). */
const MIN_SECONDS = 1e-6;
/** Buckets from 1 µs to about 28 hours. */
const BUCKETS = Math.ceil(Math.log(1e11) / Math.log(GAMMA));
const LOG_GAMMA = Math.log(GAMMA);

/**
 * Log-bucketed latency histogram of fixed size: constant memory, O(1)
 * inserts, and mergeable, so interval histograms add up into a sliding
 * window. Quantiles carry a relative error of at most 2%.
 */
export class LatencyHistogram {
  readonly counts = new Uint32Array(BUCKETS);
  total = 0;
  sum = 0;

  /** Adds one latency in seconds; negative values count as 0. */
  add(seconds: number): void {
    this.counts[bucketOf(seconds)]! += 1;
    this.total += 1;
    this.sum += Math.max(0, seconds);
  }

  /** Adds (sign 1) or removes (sign -1) every count of another histogram. */
  merge(other: LatencyHistogram, sign: 1 | -1 = 1): void {
    if (other.total === 0) {
      return;
    }
    for (let i = 0; i < BUCKETS; i += 1) {
      this.counts[i]! += sign * other.counts[i]!;
    }
    this.total += sign * other.total;
    this.sum += sign * other.sum;
  }

  /** Empties the histogram. */
  clear(): void {
    this.counts.fill(0);
    this.total = 0;
    this.sum = 0;
  }
}

/** Bucket index of a latency in seconds. */
function bucketOf(seconds: number): number {
  if (!(seconds > MIN_SECONDS)) {
    return 0;
  }
  const index = Math.ceil(Math.log(seconds / MIN_SECONDS) / LOG_GAMMA);
  return Math.min(index, BUCKETS - 1);
}

/** Latency in seconds that stands for a bucket: the midpoint of its edges. */
function bucketValue(bucket: number): number {
  if (bucket === 0) {
    return MIN_SECONDS;
  }
  return (MIN_SECONDS * GAMMA ** bucket * (1 + 1 / GAMMA)) / 2;
}

/**
 * Computes quantiles (each in [0, 1]) over the union of histograms without
 * merging them, or `NaN` for each when they are empty.
 */
export function histogramQuantiles(
  histograms: LatencyHistogram[],
  quantiles: number[],
): number[] {
  const total = histograms.reduce((sum, h) => sum + h.total, 0);
  if (total === 0) {
    return quantiles.map(() => Number.NaN);
  }

  const ranks = quantiles.map((q) => Math.max(1, Math.ceil(q * total)));
  const results = quantiles.map(() => Number.NaN);
  let next = 0;
  let seen = 0;
  for (let bucket = 0; bucket < BUCKETS && next < ranks.length; bucket += 1) {
    for (const histogram of histograms) {
      seen += histogram.counts[bucket]!;
    }
    while (next < ranks.length && seen >= ranks[next]!) {
      results[next] = bucketValue(bucket);
      next += 1;
    }
  }
  return results;
}
