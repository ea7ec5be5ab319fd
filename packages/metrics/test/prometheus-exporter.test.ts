import { ConfigError } from '@mm-orch/config';
import * as promClient from 'prom-client';
import { describe, expect, test } from 'vitest';
import {
  type InferenceRecord,
  type MetricSnapshot,
  PrometheusExporter,
} from '../src/index.js';
import { REQUESTS } from './support/fixtures.js';

const BARE = { processMetrics: false, gpuMetrics: false } as const;

function find(snapshot: MetricSnapshot[], name: string) {
  return snapshot.find((metric) => metric.name === name);
}

async function sampleOf(
  exporter: PrometheusExporter,
  name: string,
  labels: Record<string, string>,
) {
  const metric = find(await exporter.getMetrics(), name);
  return metric?.series.find((series) =>
    Object.entries(labels).every(([k, v]) => series.labels[k] === v),
  );
}

describe('options', () => {
  test('apply defaults', () => {
    const { config } = new PrometheusExporter(BARE);

    expect(config).toMatchObject({
      enabled: true,
      host: '127.0.0.1',
      port: 9464,
      path: '/metrics',
      prefix: 'mmorch_',
      maxSeriesPerMetric: 10_000,
      naming: 'mmorch',
    });
  });

  test('change one field', () => {
    expect(new PrometheusExporter({ ...BARE, port: 9090 }).config.port).toBe(
      9090,
    );
  });

  test('reject unknown keys', () => {
    expect(() => new PrometheusExporter({ prot: 1 } as never)).toThrowError(
      /prot: unknown key, did you mean "port"\?/,
    );
  });

  test('reject decreasing buckets', () => {
    const create = () =>
      new PrometheusExporter({ buckets: { latency: [1, 0.5] } });

    expect(create).toThrowError(ConfigError);
    expect(create).toThrowError(/buckets\.latency\[1\]: expected bounds/);
  });

  test('reject empty buckets', () => {
    expect(
      () => new PrometheusExporter({ buckets: { batchSize: [] } }),
    ).toThrowError(/at least one bucket/);
  });

  test('carry a stable code', () => {
    const error = (() => {
      try {
        new PrometheusExporter({ port: -1 });
      } catch (caught) {
        return caught as ConfigError;
      }
    })();

    expect(error?.code).toBe('CONFIG_INVALID');
  });

  test('name the exporter as source', () => {
    expect(() => new PrometheusExporter({ port: 70_000 })).toThrowError(
      /from PrometheusExporter options/,
    );
  });
});

describe('registries', () => {
  test('stay apart per exporter', async () => {
    const first = new PrometheusExporter(BARE);
    const second = new PrometheusExporter(BARE);

    first.recordInference({ model: 'a', durationSeconds: 1, status: 'ok' });

    expect(first.registry).not.toBe(second.registry);
    expect(
      await sampleOf(second, 'mmorch_requests_total', { model: 'a' }),
    ).toBeUndefined();
  });

  test('leave the global registry empty', () => {
    new PrometheusExporter();

    expect(promClient.register.getMetricsAsArray()).toEqual([]);
  });
});

describe('recordInference', () => {
  function recorded() {
    const exporter = new PrometheusExporter(BARE);
    for (const request of REQUESTS) {
      exporter.recordInference(request);
    }
    return exporter;
  }

  test('counts requests by status', async () => {
    const sample = await sampleOf(recorded(), 'mmorch_requests_total', {
      model: 'llama-3-8b',
      status: 'timeout',
    });

    expect(sample).toMatchObject({ value: 1 });
  });

  test('observes the duration', async () => {
    const sample = await sampleOf(
      recorded(),
      'mmorch_request_duration_seconds',
      {
        model: 'llama-3-8b',
        status: 'ok',
      },
    );

    expect(sample).toMatchObject({ sum: 1.2, count: 1 });
  });

  test('counts tokens by type', async () => {
    const sample = await sampleOf(recorded(), 'mmorch_tokens_total', {
      model: 'llama-3-8b',
      type: 'output',
    });

    expect(sample).toMatchObject({ value: 128 });
  });

  test('derives time per output token', async () => {
    const sample = await sampleOf(
      recorded(),
      'mmorch_time_per_output_token_seconds',
      {
        model: 'llama-3-8b',
      },
    );

    expect(sample).toMatchObject({ sum: (1.2 - 0.21) / 127, count: 1 });
  });

  test('observes each phase', async () => {
    const exporter = recorded();
    const sum = async (phase: string) =>
      (await sampleOf(exporter, 'mmorch_inference_duration_seconds', {
        phase,
      })) as {
        sum: number;
      };

    expect((await sum('prefill')).sum).toBe(0.15);
    expect((await sum('decode')).sum).toBe(0.9);
    expect((await sum('total')).sum).toBe(1.05);
  });

  test('counts finish reasons', async () => {
    const sample = await sampleOf(
      recorded(),
      'mmorch_requests_finished_total',
      {
        finish_reason: 'stop',
      },
    );

    expect(sample).toMatchObject({ value: 1 });
  });

  test('counts error types', async () => {
    const sample = await sampleOf(recorded(), 'mmorch_errors_total', {
      type: 'timeout',
    });

    expect(sample).toMatchObject({ value: 1 });
  });

  test('records nothing when disabled', async () => {
    const exporter = new PrometheusExporter({ ...BARE, enabled: false });

    exporter.recordInference({ model: 'a', durationSeconds: 1, status: 'ok' });

    expect(exporter.getStatus().series).toBe(0);
  });
});

describe('other recorders', () => {
  test('set running and waiting', async () => {
    const exporter = new PrometheusExporter(BARE);

    exporter.setRunning('a', 3);
    exporter.setWaiting('a', 5);

    expect(
      await sampleOf(exporter, 'mmorch_requests_running', {}),
    ).toMatchObject({ value: 3 });
    expect(
      await sampleOf(exporter, 'mmorch_requests_waiting', {}),
    ).toMatchObject({ value: 5 });
  });

  test('count cache hits and misses', async () => {
    const exporter = new PrometheusExporter(BARE);

    exporter.recordCache({ model: 'a', hit: true });
    exporter.recordCache({ model: 'a', hit: true });
    exporter.recordCache({ model: 'a', hit: false });

    expect(
      await sampleOf(exporter, 'mmorch_cache_hits_total', {}),
    ).toMatchObject({ value: 2 });
    expect(
      await sampleOf(exporter, 'mmorch_cache_misses_total', {}),
    ).toMatchObject({ value: 1 });
  });

  test('count errors by type', async () => {
    const exporter = new PrometheusExporter(BARE);

    exporter.recordError({ model: 'a', type: 'oom' });

    expect(
      await sampleOf(exporter, 'mmorch_errors_total', { type: 'oom' }),
    ).toMatchObject({
      value: 1,
    });
  });

  test('track loaded models', async () => {
    const exporter = new PrometheusExporter(BARE);

    exporter.recordModelLifecycle({ model: 'a', event: 'load' });
    exporter.recordModelLifecycle({
      model: 'a',
      event: 'loaded',
      durationSeconds: 4,
    });
    exporter.recordModelLifecycle({ model: 'b', event: 'loaded' });
    exporter.recordModelLifecycle({ model: 'b', event: 'unloaded' });

    expect(
      await sampleOf(exporter, 'mmorch_models_loaded', { model: 'a' }),
    ).toMatchObject({ value: 1 });
    expect(
      await sampleOf(exporter, 'mmorch_models_loaded', { model: 'b' }),
    ).toMatchObject({ value: 0 });
    expect(
      await sampleOf(exporter, 'mmorch_model_load_duration_seconds', {
        model: 'a',
      }),
    ).toMatchObject({ sum: 4 });
    expect(
      await sampleOf(exporter, 'mmorch_model_lifecycle_events_total', {
        model: 'a',
        event: 'load',
      }),
    ).toMatchObject({ value: 1 });
  });

  test('drop unknown lifecycle events', () => {
    const exporter = new PrometheusExporter(BARE);

    exporter.recordModelLifecycle({ model: 'a', event: 'exploded' as never });

    expect(exporter.getStatus().dropped.invalid_label).toBe(1);
  });
});

describe('invalid observations', () => {
  const CASES: [string, Partial<InferenceRecord>][] = [
    ['NaN', { durationSeconds: Number.NaN }],
    ['infinity', { durationSeconds: Number.POSITIVE_INFINITY }],
    ['negative', { durationSeconds: -1 }],
    ['string', { durationSeconds: '1' as never }],
    ['undefined', { durationSeconds: undefined as never }],
  ];

  test.each(CASES)('drop a %s duration', async (_, change) => {
    const exporter = new PrometheusExporter(BARE);

    exporter.recordInference({
      model: 'a',
      durationSeconds: 1,
      status: 'ok',
      ...change,
    });

    expect(exporter.getStatus().dropped.invalid_value).toBe(1);
    expect(
      await sampleOf(exporter, 'mmorch_metrics_dropped_total', {
        metric: 'mmorch_request_duration_seconds',
        reason: 'invalid_value',
      }),
    ).toMatchObject({ value: 1 });
  });

  test('drop an undefined model', () => {
    const exporter = new PrometheusExporter(BARE);

    exporter.recordInference({ durationSeconds: 1, status: 'ok' } as never);

    expect(exporter.getStatus().dropped.invalid_label).toBe(1);
  });

  test('drop an undefined status', () => {
    const exporter = new PrometheusExporter(BARE);

    exporter.recordInference({ model: 'a', durationSeconds: 1 } as never);

    expect(exporter.getStatus().dropped.invalid_label).toBeGreaterThan(0);
  });

  test('survive a throwing record', () => {
    const exporter = new PrometheusExporter(BARE);
    const record = {
      model: 'a',
      status: 'ok',
      get durationSeconds(): number {
        throw new Error('getter failed');
      },
    };

    expect(() => exporter.recordInference(record)).not.toThrow();
    expect(exporter.getStatus().lastError?.message).toBe('getter failed');
  });

  test('survive a null record', () => {
    const exporter = new PrometheusExporter(BARE);

    expect(() => exporter.recordInference(null as never)).not.toThrow();
  });

  test('drop negative token counts', () => {
    const exporter = new PrometheusExporter(BARE);

    exporter.recordInference({
      model: 'a',
      durationSeconds: 1,
      status: 'ok',
      inputTokens: -3,
    });

    expect(exporter.getStatus().dropped.invalid_value).toBe(2);
  });

  test('drop NaN gauge values', () => {
    const exporter = new PrometheusExporter(BARE);

    exporter.setRunning('a', Number.NaN);

    expect(exporter.getStatus().dropped.invalid_value).toBe(1);
  });
});

describe('series limit', () => {
  function flooded(models: number) {
    const exporter = new PrometheusExporter({
      ...BARE,
      maxSeriesPerMetric: 10,
    });
    for (let i = 0; i < models; i++) {
      exporter.recordInference({
        model: `m${i}`,
        durationSeconds: 1,
        status: 'ok',
      });
    }
    return exporter;
  }

  test('caps series per metric', async () => {
    const metric = find(
      await flooded(50).getMetrics(),
      'mmorch_requests_total',
    );

    expect(metric?.series.length).toBe(10);
  });

  test('counts dropped series', () => {
    // 40 models past the limit, each dropped from requests_total and
    // request_duration_seconds.
    expect(flooded(50).getStatus().dropped.series_limit).toBe(80);
  });

  test('marks the exporter degraded', () => {
    const status = flooded(11).getStatus();

    expect(status.degraded).toBe(true);
    expect(status.degradationReason).toContain('series limit (10)');
  });

  test('keeps memory bounded', () => {
    const exporter = flooded(20_000);

    // 10 series in each of the two families, plus the two series of the
    // dropped-observations counter.
    expect(exporter.getStatus().series).toBe(22);
  });
});

describe('registration', () => {
  test('returns the existing metric', () => {
    const exporter = new PrometheusExporter(BARE);
    const definition = {
      name: 'jobs_total',
      help: 'Jobs.',
      labelNames: ['queue'],
    };

    const first = exporter.counter(definition);
    const second = exporter.counter(definition);

    expect(second.family).toBe(first.family);
  });

  test('names both conflicting definitions', () => {
    const exporter = new PrometheusExporter(BARE);
    exporter.histogram({ name: 'job_seconds', help: 'h', buckets: [1, 2] });

    expect(() =>
      exporter.histogram({ name: 'job_seconds', help: 'h', buckets: [1, 3] }),
    ).toThrowErrorMatchingInlineSnapshot(
      `[MetricsError: Metric job_seconds is already registered as histogram job_seconds{} buckets [1, 2]; the new definition is histogram job_seconds{} buckets [1, 3]. Reuse the existing definition or pick another name.]`,
    );
  });

  test('rejects another type', () => {
    const exporter = new PrometheusExporter(BARE);

    expect(() =>
      exporter.gauge({
        name: 'mmorch_requests_total',
        help: 'h',
        labelNames: ['model', 'status'],
      }),
    ).toThrowError(/counter mmorch_requests_total\{model,status\}/);
  });

  test('rejects invalid metric names', () => {
    const exporter = new PrometheusExporter(BARE);

    expect(() =>
      exporter.counter({ name: 'requests-total', help: 'h' }),
    ).toThrowError(/Invalid metric name "requests-total"/);
  });

  test('converts OpenTelemetry names', () => {
    const exporter = new PrometheusExporter(BARE);

    const histogram = exporter.histogram({
      name: 'gen_ai.server.request.duration',
      unit: 's',
      help: 'h',
      buckets: [1],
    });

    expect(histogram.family.name).toBe(
      'gen_ai_server_request_duration_seconds',
    );
  });

  test('rejects le on histograms', () => {
    const exporter = new PrometheusExporter(BARE);

    expect(() =>
      exporter.histogram({
        name: 'x_seconds',
        help: 'h',
        labelNames: ['le'],
        buckets: [1],
      }),
    ).toThrowError(/reserved/);
  });

  test('rejects non-finite buckets', () => {
    const exporter = new PrometheusExporter(BARE);

    expect(() =>
      exporter.histogram({
        name: 'x_seconds',
        help: 'h',
        buckets: [1, Number.POSITIVE_INFINITY],
      }),
    ).toThrowError(/Invalid buckets for histogram x_seconds/);
  });
});

describe('reset', () => {
  test('clears every series', () => {
    const exporter = new PrometheusExporter(BARE);
    exporter.recordInference({ model: 'a', durationSeconds: 1, status: 'ok' });

    exporter.reset();

    expect(exporter.getStatus().series).toBe(0);
  });

  test('records again after reset', async () => {
    const exporter = new PrometheusExporter(BARE);
    exporter.recordInference({ model: 'a', durationSeconds: 1, status: 'ok' });
    exporter.reset();

    exporter.recordInference({ model: 'a', durationSeconds: 2, status: 'ok' });

    expect(
      await sampleOf(exporter, 'mmorch_request_duration_seconds', {
        model: 'a',
      }),
    ).toMatchObject({ sum: 2, count: 1 });
  });
});

describe('otel-genai naming', () => {
  test('uses the semconv names', async () => {
    const exporter = new PrometheusExporter({ ...BARE, naming: 'otel-genai' });
    exporter.recordInference({
      model: 'a',
      durationSeconds: 1,
      status: 'ok',
      ttftSeconds: 0.1,
    });

    const names = (await exporter.getMetrics()).map((metric) => metric.name);

    expect(names).toContain('gen_ai_server_request_duration_seconds');
    expect(names).toContain('gen_ai_server_time_to_first_token_seconds');
    expect(names).toContain('gen_ai_server_time_per_output_token_seconds');
    expect(names).toContain('gen_ai_client_token_usage');
  });

  test('labels the model as attribute', async () => {
    const exporter = new PrometheusExporter({ ...BARE, naming: 'otel-genai' });
    exporter.recordInference({
      model: 'a',
      durationSeconds: 1,
      status: 'ok',
      ttftSeconds: 0.1,
    });

    const sample = await sampleOf(
      exporter,
      'gen_ai_server_time_to_first_token_seconds',
      {
        gen_ai_request_model: 'a',
      },
    );

    expect(sample).toMatchObject({ count: 1 });
  });

  test('leaves error_type empty on success', async () => {
    const exporter = new PrometheusExporter({ ...BARE, naming: 'otel-genai' });
    exporter.recordInference({ model: 'a', durationSeconds: 1, status: 'ok' });
    exporter.recordInference({
      model: 'a',
      durationSeconds: 1,
      status: 'timeout',
    });

    const metric = find(
      await exporter.getMetrics(),
      'gen_ai_server_request_duration_seconds',
    );

    expect(metric?.series.map((s) => s.labels.error_type)).toEqual([
      '',
      'timeout',
    ]);
  });
});

describe('getStatus', () => {
  test('reports a fresh exporter', () => {
    expect(new PrometheusExporter(BARE).getStatus()).toEqual({
      enabled: true,
      serving: null,
      series: 0,
      dropped: {
        invalid_value: 0,
        invalid_label: 0,
        series_limit: 0,
        invalid_exemplar: 0,
      },
      degraded: false,
      degradationReason: null,
      lastError: null,
    });
  });

  test('counts invalid exemplars', () => {
    const exporter = new PrometheusExporter(BARE);

    exporter.recordInference({
      model: 'a',
      durationSeconds: 1,
      status: 'ok',
      traceId: 'x'.repeat(65),
    });

    expect(exporter.getStatus().dropped.invalid_exemplar).toBe(1);
  });
});
