import * as promClient from 'prom-client';
import { describe, expect, test } from 'vitest';
import { PrometheusExporter } from '../src/index.js';
import { REQUESTS } from './support/fixtures.js';
import { checkMetrics, checkOpenMetrics } from './support/promtool.js';

const BARE = { processMetrics: false, gpuMetrics: false } as const;

function recorded(options = {}) {
  const exporter = new PrometheusExporter({ ...BARE, ...options });
  for (const request of REQUESTS) {
    exporter.recordInference(request);
  }
  exporter.setRunning('llama-3-8b', 3);
  exporter.setWaiting('llama-3-8b', 7);
  exporter.recordCache({ model: 'llama-3-8b', hit: true });
  exporter.recordCache({ model: 'llama-3-8b', hit: false });
  exporter.recordModelLifecycle({
    model: 'llama-3-8b',
    event: 'loaded',
    durationSeconds: 12,
  });
  return exporter;
}

const FORMATS = [
  { format: 'prometheus', openMetrics: false, check: checkMetrics },
  { format: 'openmetrics', openMetrics: true, check: checkOpenMetrics },
] as const;

describe.each(FORMATS)('$format exposition', ({ openMetrics, check }) => {
  test('passes promtool', async () => {
    const text = await recorded().formatMetrics({ openMetrics });

    expect(check(text)).toEqual({ status: 0, output: '' });
  });

  test('passes promtool with default labels', async () => {
    const exporter = recorded({ defaultLabels: { region: 'eu"1' } });
    const text = await exporter.formatMetrics({ openMetrics });

    expect(check(text)).toEqual({ status: 0, output: '' });
  });

  test('passes promtool with process metrics', async () => {
    const exporter = recorded({ processMetrics: true });
    const text = await exporter.formatMetrics({ openMetrics });

    expect(text).toContain('process_resident_memory_bytes');
    expect(check(text)).toEqual({ status: 0, output: '' });
  });

  test('passes promtool in otel naming', async () => {
    const text = await recorded({ naming: 'otel-genai' }).formatMetrics({
      openMetrics,
    });

    expect(check(text)).toEqual({ status: 0, output: '' });
  });

  test('escapes label values', async () => {
    const text = await recorded().formatMetrics({ openMetrics });

    expect(text).toContain('model="resnet \\"50\\"\\\\v2\\nnew"');
  });

  test('escapes quotes in help', async () => {
    const exporter = new PrometheusExporter(BARE);
    exporter.counter({ name: 'quoted_total', help: 'say "hi"' }).inc();
    const text = await exporter.formatMetrics({ openMetrics });

    // OpenMetrics HELP excludes a bare double quote; Prometheus text keeps it.
    const name = openMetrics ? 'quoted' : 'quoted_total';
    const help = openMetrics ? 'say \\"hi\\"' : 'say "hi"';
    expect(text).toContain(`# HELP ${name} ${help}\n`);
  });

  test('ends as the format requires', async () => {
    const text = await recorded().formatMetrics({ openMetrics });

    expect(text).toMatch(openMetrics ? /[^\n]\n# EOF\n$/ : /[^\n]\n$/);
  });
});

describe('prom-client equivalence', () => {
  test('matches registry rendering', async () => {
    const exporter = recorded({ defaultLabels: { region: 'eu' } });

    const ours = await exporter.formatMetrics();

    expect(ours).toBe(await exporter.registry.metrics());
  });

  test('matches native prom-client metrics', async () => {
    const exporter = new PrometheusExporter({
      ...BARE,
      defaultLabels: { region: 'eu' },
    });
    const registry = new promClient.Registry();
    registry.setDefaultLabels({ region: 'eu' });
    for (const metric of exporter.registry.getMetricsAsArray()) {
      exporter.registry.removeSingleMetric(metric.name);
    }
    const buckets = [0.1, 1, 4, 16];
    const ours = {
      counter: exporter.counter({
        name: 'jobs_total',
        help: 'Jobs\\done\nso far.',
        labelNames: ['queue', 'kind'],
      }),
      gauge: exporter.gauge({
        name: 'depth',
        help: 'Depth.',
        labelNames: ['queue'],
      }),
      histogram: exporter.histogram({
        name: 'job_seconds',
        help: 'Job time.',
        labelNames: ['queue'],
        buckets,
      }),
    };
    const native = {
      counter: new promClient.Counter({
        name: 'jobs_total',
        help: 'Jobs\\done\nso far.',
        labelNames: ['queue', 'kind'],
        registers: [registry],
      }),
      gauge: new promClient.Gauge({
        name: 'depth',
        help: 'Depth.',
        labelNames: ['queue'],
        registers: [registry],
      }),
      histogram: new promClient.Histogram({
        name: 'job_seconds',
        help: 'Job time.',
        labelNames: ['queue'],
        buckets,
        registers: [registry],
      }),
    };

    const queues = ['a', 'b"\\\n', 'c'];
    for (let i = 0; i < 300; i++) {
      const queue = queues[i % 3] as string;
      const value = (i * 0.37) % 20;
      ours.counter.labels(queue, 'x').inc(value);
      native.counter.labels(queue, 'x').inc(value);
      ours.gauge.labels(queue).set(value - 10);
      native.gauge.labels(queue).set(value - 10);
      ours.histogram.labels(queue).observe(value);
      native.histogram.labels(queue).observe(value);
    }

    expect(await exporter.formatMetrics()).toBe(await registry.metrics());
  });
});

describe('exemplars', () => {
  test('carry the trace id', async () => {
    const text = await recorded().formatMetrics({ openMetrics: true });
    const line = text
      .split('\n')
      .find((l) =>
        l.startsWith('mmorch_request_duration_seconds_bucket{le="1.28"'),
      );

    expect(line).toMatch(
      / # \{trace_id="4bf92f3577b34da6a3ce929d0e0e4736"\} 1\.2$/,
    );
  });

  test('stay out of prometheus text', async () => {
    const text = await recorded().formatMetrics();

    expect(text).not.toContain('trace_id');
  });

  test('sit on the +Inf bucket too', async () => {
    const text = await recorded().formatMetrics({ openMetrics: true });
    const line = text
      .split('\n')
      .find((l) =>
        l.startsWith(
          'mmorch_request_duration_seconds_bucket{le="+Inf",model="llama-3-8b",status="timeout"',
        ),
      );

    expect(line).toContain('trace_id="00f067aa0ba902b7a3ce929d0e0e4736"');
  });

  test('can be switched off', async () => {
    const text = await recorded({ exemplars: false }).formatMetrics({
      openMetrics: true,
    });

    expect(text).not.toContain('trace_id');
  });
});

describe('scrape consistency', () => {
  test('survives a reset mid-scrape', async () => {
    const exporter = new PrometheusExporter(BARE);
    for (let i = 0; i < 3000; i++) {
      exporter.recordInference({
        model: `m${i}`,
        durationSeconds: 0.5,
        status: 'ok',
      });
    }
    const chunks: string[] = [];
    let reset = false;
    for await (const chunk of exporter.streamMetrics()) {
      chunks.push(chunk);
      if (!reset) {
        exporter.reset();
        exporter.recordInference({
          model: 'late',
          durationSeconds: 9,
          status: 'ok',
        });
        reset = true;
      }
    }
    const text = chunks.join('');

    expect(chunks.length).toBeGreaterThan(1);
    expect(checkMetrics(text)).toEqual({ status: 0, output: '' });
  });

  test('survives a removal mid-scrape', async () => {
    const exporter = new PrometheusExporter(BARE);
    const histogram = exporter.histogram({
      name: 'job_seconds',
      help: 'Job time.',
      labelNames: ['job'],
      buckets: [1, 2],
    });
    for (let i = 0; i < 3000; i++) {
      histogram.labels(`j${i}`).observe(1.5);
    }
    const chunks: string[] = [];
    let removed = 0;
    for await (const chunk of exporter.streamMetrics()) {
      chunks.push(chunk);
      histogram.remove(`j${removed}`);
      removed += 1;
    }

    expect(removed).toBeGreaterThan(1);
    expect(checkMetrics(chunks.join(''))).toEqual({ status: 0, output: '' });
  });

  test('bounds lines per chunk', async () => {
    const exporter = new PrometheusExporter(BARE);
    const histogram = exporter.histogram({
      name: 'job_seconds',
      help: 'Job time.',
      labelNames: ['job'],
      buckets: [1, 2, 4, 8, 16, 32, 64, 128],
    });
    for (let i = 0; i < 2000; i++) {
      histogram.labels(`j${i}`).observe(3);
    }
    const lineCounts: number[] = [];
    for await (const chunk of exporter.streamMetrics()) {
      lineCounts.push(chunk.split('\n').length - 1);
    }

    // A chunk closes at 512 lines or more, after a batch of 8 series of
    // 11 lines each, so none exceeds 512 + 8 * 11 lines.
    expect(Math.max(...lineCounts)).toBeLessThanOrEqual(600);
  });

  test('keeps every series whole', async () => {
    const exporter = new PrometheusExporter(BARE);
    const models = Array.from({ length: 2000 }, (_, i) => `m${i}`);
    for (const model of models) {
      exporter.recordInference({ model, durationSeconds: 0.5, status: 'ok' });
    }
    const chunks: string[] = [];
    for await (const chunk of exporter.streamMetrics()) {
      chunks.push(chunk);
      for (const model of models.slice(0, 50)) {
        exporter.recordInference({ model, durationSeconds: 2, status: 'ok' });
      }
    }
    const samples = new Map<string, string>();
    for (const line of chunks.join('').split('\n')) {
      const [series = '', value = ''] = line.split(' ');
      samples.set(series, value);
    }
    const sample = (kind: string, model: string) =>
      samples.get(
        `mmorch_request_duration_seconds_${kind}model="${model}",status="ok"}`,
      );

    const mismatched = models.filter(
      (model) => sample('bucket{le="+Inf",', model) !== sample('count{', model),
    );
    expect(mismatched).toEqual([]);
  });
});
