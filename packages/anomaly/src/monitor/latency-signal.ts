import type { AnomalyConfigOutput } from '@mm-orch/config';
import { histogramQuantiles, LatencyHistogram } from './latency-histogram.js';

/** Quantile of each latency statistic, `undefined` for the mean. */
const QUANTILES: Record<string, number | undefined> = {
  p50: 0.5,
  p90: 0.9,
  p95: 0.95,
  p99: 0.99,
  mean: undefined,
};

/**
 * The latency value that the latency detector scores for each interval: a
 * statistic (p95 by default) of the request latencies of the open interval,
 * per request or per output token, judged only once the interval contains
 * `minSamples` values.
 */
export class LatencySignal {
  private readonly values = new LatencyHistogram();
  private readonly quantile: number | undefined;
  private readonly perOutputToken: boolean;
  private readonly minSamples: number;

  constructor(settings: AnomalyConfigOutput['latency']) {
    this.quantile = QUANTILES[settings.statistic ?? 'p95'];
    this.perOutputToken = settings.per === 'outputToken';
    this.minSamples = settings.minSamples;
  }

  /**
   * Adds one request. Per output token, a request without output tokens
   * (a failure, an empty completion) carries no value and is skipped.
   */
  add(latencySeconds: number, outputTokens: number | undefined): void {
    if (!this.perOutputToken) {
      this.values.add(latencySeconds);
      return;
    }
    if (typeof outputTokens === 'number' && outputTokens >= 1) {
      this.values.add(latencySeconds / outputTokens);
    }
  }

  /**
   * Returns the statistic of the open interval and starts a new one, or
   * `NaN` when the interval had fewer than `minSamples` values.
   */
  closeInterval(): number {
    const values = this.values;
    let value = Number.NaN;
    if (values.total >= this.minSamples) {
      value =
        this.quantile === undefined
          ? values.sum / values.total
          : histogramQuantiles([values], [this.quantile])[0]!;
    }

    values.clear();
    return value;
  }
}
