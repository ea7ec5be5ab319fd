import { describe, expect, test } from 'vitest';
import { PrometheusExporter } from '../src/index.js';

describe('getMetrics', () => {
  test('describes a histogram series', async () => {
    const exporter = new PrometheusExporter({
      processMetrics: false,
      gpuMetrics: false,
      defaultLabels: { region: 'eu' },
      buckets: { queueTime: [0.1, 1] },
    });
    exporter.recordInference({
      model: 'a',
      durationSeconds: 1,
      status: 'ok',
      queueSeconds: 0.5,
    });

    const metric = (await exporter.getMetrics()).find(
      (m) => m.name === 'mmorch_queue_duration_seconds',
    );

    expect(metric).toEqual({
      name: 'mmorch_queue_duration_seconds',
      help: 'Time requests waited in the queue, in seconds.',
      type: 'histogram',
      series: [
        {
          labels: { region: 'eu', model: 'a' },
          buckets: [
            { le: 0.1, count: 0 },
            { le: 1, count: 1 },
            { le: Number.POSITIVE_INFINITY, count: 1 },
          ],
          sum: 0.5,
          count: 1,
        },
      ],
    });
  });

  test('survives JSON serialization', async () => {
    const exporter = new PrometheusExporter({ gpuMetrics: false });

    const text = JSON.stringify(await exporter.getMetrics());

    expect(JSON.parse(text)).toBeInstanceOf(Array);
  });

  test('includes process histograms', async () => {
    const exporter = new PrometheusExporter({ gpuMetrics: false });

    const metric = (await exporter.getMetrics()).find(
      (m) => m.name === 'process_cpu_seconds_total',
    );

    expect(metric?.type).toBe('counter');
  });
});
