import { describe, expect, test } from 'vitest';
import { PrometheusExporter } from '../src/index.js';

const BARE = { processMetrics: false, gpuMetrics: false } as const;

async function valuesOf(exporter: PrometheusExporter, name: string) {
  const metric = (await exporter.getMetrics()).find((m) => m.name === name);
  return metric?.series.map((series) =>
    'value' in series ? series.value : series.count,
  );
}

describe('metric handles', () => {
  test('count without labels', async () => {
    const exporter = new PrometheusExporter(BARE);
    const counter = exporter.counter({ name: 'jobs_total', help: 'Jobs.' });

    counter.inc();
    counter.inc(2);

    expect(await valuesOf(exporter, 'jobs_total')).toEqual([3]);
  });

  test('bind labels by object', async () => {
    const exporter = new PrometheusExporter(BARE);
    const gauge = exporter.gauge({
      name: 'depth',
      help: 'Depth.',
      labelNames: ['a', 'b'],
    });

    gauge.labels({ b: 'y', a: 'x' }).set(4);

    const metric = (await exporter.getMetrics()).find(
      (m) => m.name === 'depth',
    );
    expect(metric?.series[0]?.labels).toEqual({ a: 'x', b: 'y' });
  });

  test('move gauges both ways', async () => {
    const exporter = new PrometheusExporter(BARE);
    const child = exporter.gauge({ name: 'depth', help: 'Depth.' }).labels();

    child.inc(5);
    child.dec(2);

    expect(await valuesOf(exporter, 'depth')).toEqual([3]);
  });

  test('rebind after reset', async () => {
    const exporter = new PrometheusExporter(BARE);
    const child = exporter
      .histogram({
        name: 'x_seconds',
        help: 'X.',
        labelNames: ['k'],
        buckets: [1],
      })
      .labels('v');
    child.observe(0.5);

    exporter.reset();
    child.observe(0.5);

    expect(await valuesOf(exporter, 'x_seconds')).toEqual([1]);
  });

  test('remove a series', async () => {
    const exporter = new PrometheusExporter(BARE);
    const counter = exporter.counter({
      name: 'jobs_total',
      help: 'Jobs.',
      labelNames: ['q'],
    });
    counter.labels('a').inc();
    counter.labels('b').inc();

    counter.remove('a');

    expect(await valuesOf(exporter, 'jobs_total')).toEqual([1]);
  });

  test('drop negative counter steps', () => {
    const exporter = new PrometheusExporter(BARE);

    exporter.counter({ name: 'jobs_total', help: 'Jobs.' }).inc(-1);

    expect(exporter.getStatus().dropped.invalid_value).toBe(1);
  });

  test('drop a wrong label count', () => {
    const exporter = new PrometheusExporter(BARE);
    const counter = exporter.counter({
      name: 'jobs_total',
      help: 'Jobs.',
      labelNames: ['q'],
    });

    counter.labels('a', 'b').inc();

    expect(exporter.getStatus().dropped.invalid_label).toBe(1);
  });
});
