import { describe, expect, test } from 'vitest';
import { histogramQuantile, PrometheusExporter } from '../src/index.js';

const BUCKETS = [
  { le: 1, count: 10 },
  { le: 2, count: 30 },
  { le: 4, count: 40 },
  { le: Number.POSITIVE_INFINITY, count: 40 },
];

describe('histogramQuantile', () => {
  const CASES = [
    { q: 0.5, value: 1.5 },
    { q: 0.25, value: 1 },
    { q: 0.1, value: 0.4 },
    { q: 0.9, value: 3.2 },
    { q: 1, value: 4 },
    { q: -0.1, value: Number.NEGATIVE_INFINITY },
    { q: 1.1, value: Number.POSITIVE_INFINITY },
  ];

  test.each(CASES)('estimates q=$q', ({ q, value }) => {
    expect(histogramQuantile(q, BUCKETS).value).toBeCloseTo(value, 10);
  });

  test('returns NaN without observations', () => {
    const empty = BUCKETS.map((bucket) => ({ ...bucket, count: 0 }));

    expect(histogramQuantile(0.5, empty).value).toBeNaN();
  });

  test('flags a rank in +Inf', () => {
    const slow = [
      ...BUCKETS.slice(0, 3),
      { le: Number.POSITIVE_INFINITY, count: 100 },
    ];

    expect(histogramQuantile(0.9, slow)).toEqual({
      value: 4,
      capped: true,
      count: 100,
    });
  });

  test('leaves finite ranks unflagged', () => {
    expect(histogramQuantile(0.9, BUCKETS).capped).toBe(false);
  });

  test('returns a non-positive first bound', () => {
    const negative = [
      { le: -1, count: 5 },
      { le: Number.POSITIVE_INFINITY, count: 5 },
    ];

    expect(histogramQuantile(0.5, negative).value).toBe(-1);
  });
});

describe('exporter quantile', () => {
  function exporterWith(durations: number[]) {
    const exporter = new PrometheusExporter({
      processMetrics: false,
      gpuMetrics: false,
      buckets: { latency: [0.1, 0.5, 1] },
    });
    for (const durationSeconds of durations) {
      exporter.recordInference({ model: 'a', durationSeconds, status: 'ok' });
    }
    return exporter;
  }

  test('sums matching series', () => {
    const exporter = exporterWith([0.05, 0.3]);
    exporter.recordInference({
      model: 'b',
      durationSeconds: 0.7,
      status: 'ok',
    });

    expect(exporter.quantile('request_duration_seconds', 0.5).count).toBe(3);
  });

  test('filters by labels', () => {
    const exporter = exporterWith([0.05, 0.3]);
    exporter.recordInference({
      model: 'b',
      durationSeconds: 0.7,
      status: 'ok',
    });

    const result = exporter.quantile('mmorch_request_duration_seconds', 0.5, {
      model: 'b',
    });

    expect(result).toEqual({ value: 0.75, capped: false, count: 1 });
  });

  test('flags slow requests', () => {
    const result = exporterWith([0.05, 30, 40, 50]).quantile(
      'request_duration_seconds',
      0.99,
    );

    expect(result).toEqual({ value: 1, capped: true, count: 4 });
  });

  test('names the known histograms', () => {
    expect(() => exporterWith([]).quantile('nope', 0.5)).toThrowError(
      /No histogram named "nope". Use one of: mmorch_request_duration_seconds/,
    );
  });
});
