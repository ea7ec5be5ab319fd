import { describe, expect, test } from 'vitest';
import { labelNamesOf, PrometheusExporter } from '../src/index.js';

const BARE = { processMetrics: false, gpuMetrics: false } as const;

async function names(options = {}) {
  const exporter = new PrometheusExporter({ ...BARE, ...options });
  return (await exporter.getMetrics()).map(
    (metric) => `${metric.type} ${metric.name}`,
  );
}

describe('standard metric set', () => {
  test('lists the mmorch names', async () => {
    expect(await names()).toMatchInlineSnapshot(`
      [
        "counter mmorch_requests_total",
        "histogram mmorch_request_duration_seconds",
        "histogram mmorch_queue_duration_seconds",
        "histogram mmorch_inference_duration_seconds",
        "histogram mmorch_time_to_first_token_seconds",
        "histogram mmorch_time_per_output_token_seconds",
        "counter mmorch_tokens_total",
        "histogram mmorch_request_tokens",
        "histogram mmorch_batch_size",
        "counter mmorch_requests_finished_total",
        "gauge mmorch_requests_running",
        "gauge mmorch_requests_waiting",
        "counter mmorch_cache_hits_total",
        "counter mmorch_cache_misses_total",
        "counter mmorch_errors_total",
        "counter mmorch_model_lifecycle_events_total",
        "gauge mmorch_models_loaded",
        "histogram mmorch_model_load_duration_seconds",
        "counter mmorch_metrics_dropped_total",
      ]
    `);
  });

  test('applies the prefix', async () => {
    expect(await names({ prefix: 'llm_' })).toContain(
      'counter llm_requests_total',
    );
  });

  test('maps otel label names', () => {
    expect(labelNamesOf('otel-genai')).toEqual({
      model: 'gen_ai_request_model',
      status: 'error_type',
      type: 'gen_ai_token_type',
      errorType: 'error_type',
    });
  });

  test('uses configured buckets', async () => {
    const exporter = new PrometheusExporter({
      ...BARE,
      buckets: { batchSize: [1, 8, 64] },
    });
    exporter.recordInference({
      model: 'a',
      durationSeconds: 1,
      status: 'ok',
      batchSize: 9,
    });

    const metric = (await exporter.getMetrics()).find(
      (m) => m.name === 'mmorch_batch_size',
    );
    const series = metric?.series[0] as {
      buckets: { le: number; count: number }[];
    };

    expect(series.buckets).toEqual([
      { le: 1, count: 0 },
      { le: 8, count: 0 },
      { le: 64, count: 1 },
      { le: Number.POSITIVE_INFINITY, count: 1 },
    ]);
  });
});
