/** One cumulative histogram bucket. */
export interface CumulativeBucket {
  /** Upper bound, `Infinity` for the last bucket. */
  le: number;
  /** Observations at or below `le`. */
  count: number;
}

/** Result of `histogramQuantile`. */
export interface QuantileResult {
  /** Estimated quantile; NaN without observations. */
  value: number;
  /**
   * True when the rank falls in the `+Inf` bucket, so `value` is only the
   * top finite bound and the real quantile may be far higher.
   */
  capped: boolean;
  /** Observations the estimate is based on. */
  count: number;
}

/**
 * Estimates the `q` quantile of cumulative buckets the way Prometheus's
 * `histogram_quantile` does: linear interpolation inside the bucket that
 * contains the rank, 0 as the lower bound of the first bucket (unless its
 * upper bound is not positive), and the top finite bound when the rank
 * falls in `+Inf`.
 */
export function histogramQuantile(
  q: number,
  buckets: readonly CumulativeBucket[],
): QuantileResult {
  const count = buckets.at(-1)?.count ?? 0;
  if (Number.isNaN(q) || buckets.length < 2 || count === 0) {
    return { value: Number.NaN, capped: false, count };
  }
  if (q < 0) {
    return { value: Number.NEGATIVE_INFINITY, capped: false, count };
  }
  if (q > 1) {
    return { value: Number.POSITIVE_INFINITY, capped: false, count };
  }

  const rank = q * count;
  let b = 0;
  while (
    b < buckets.length - 1 &&
    (buckets[b] as CumulativeBucket).count < rank
  ) {
    b++;
  }
  const bucket = buckets[b] as CumulativeBucket;
  if (bucket.le === Number.POSITIVE_INFINITY) {
    const top = buckets[buckets.length - 2] as CumulativeBucket;
    return { value: top.le, capped: true, count };
  }
  if (b === 0 && bucket.le <= 0) {
    return { value: bucket.le, capped: false, count };
  }

  const start = b === 0 ? 0 : (buckets[b - 1] as CumulativeBucket).le;
  const before = b === 0 ? 0 : (buckets[b - 1] as CumulativeBucket).count;
  const inBucket = bucket.count - before;
  const value = start + (bucket.le - start) * ((rank - before) / inBucket);
  return { value, capped: false, count };
}
