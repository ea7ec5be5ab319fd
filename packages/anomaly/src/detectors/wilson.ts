/** Wilson score interval of a binomial proportion. */
export interface WilsonInterval {
  lower: number;
  upper: number;
}

/**
 * Computes the Wilson score interval of `successes` out of `trials` at `z`
 * deviations.
 */
export function wilsonInterval(
  successes: number,
  trials: number,
  z: number,
): WilsonInterval {
  if (!(trials > 0)) {
    return { lower: 0, upper: 1 };
  }

  const p = Math.min(1, Math.max(0, successes / trials));
  const z2 = z * z;
  const denominator = 1 + z2 / trials;
  const center = (p + z2 / (2 * trials)) / denominator;
  const margin =
    (z / denominator) *
    Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials));
  return {
    lower: Math.max(0, center - margin),
    upper: Math.min(1, center + margin),
  };
}

/**
 * Score-test statistic of `successes` out of `trials` against the rate
 * `baseline`: the deviations at which the Wilson lower bound would equal
 * the baseline. Positive when the observed rate is higher.
 */
export function binomialDeviations(
  successes: number,
  trials: number,
  baseline: number,
): number {
  if (!(trials > 0)) {
    return 0;
  }
  const p0 = Math.min(Math.max(baseline, 1e-6), 1 - 1e-6);
  return (successes - trials * p0) / Math.sqrt(trials * p0 * (1 - p0));
}
