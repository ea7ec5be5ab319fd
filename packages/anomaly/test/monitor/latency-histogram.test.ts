import { describe, expect, test } from 'vitest';
import {
  histogramQuantiles,
  LatencyHistogram,
} from '../../src/monitor/latency-histogram.js';

describe('LatencyHistogram', () => {
  test('keeps quantiles within 2%', () => {
    const histogram = new LatencyHistogram();
    for (let i = 1; i <= 1000; i += 1) {
      histogram.add(i / 1000);
    }
    const [p50, p99] = histogramQuantiles([histogram], [0.5, 0.99]);
    expect(Math.abs(p50! / 0.5 - 1)).toBeLessThan(0.02);
    expect(Math.abs(p99! / 0.99 - 1)).toBeLessThan(0.02);
  });

  test('undoes a merge', () => {
    const a = new LatencyHistogram();
    const b = new LatencyHistogram();
    a.add(0.1);
    b.add(5);
    a.merge(b);
    a.merge(b, -1);
    expect(histogramQuantiles([a], [1])).toEqual(histogramQuantiles([a], [0]));
    expect(a.total).toBe(1);
  });

  test('reports NaN when empty', () => {
    expect(histogramQuantiles([new LatencyHistogram()], [0.5])).toEqual([
      Number.NaN,
    ]);
  });

  test('clamps negative latencies', () => {
    const histogram = new LatencyHistogram();
    histogram.add(-3);
    expect(histogram.sum).toBe(0);
  });
});
