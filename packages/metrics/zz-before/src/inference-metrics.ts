import type { MetricsConfigOutput } from '@mm-orch/config';
import type { FastCounter } from './fast-counter.js';
import type { FastGauge } from './fast-gauge.js';
import type { FastHistogram } from './fast-histogram.js';
import { toPrometheusName } from './names.js';

/** Naming profile of the standard metric set. */
export type NamingProfile = MetricsConfigOutput['naming'];

/** Creates (or returns the existing) families of an exporter. */
export interface FamilyFactory {
  counter(name: string, help: string, labels: string[]): FastCounter;
  gauge(name: string, help: string, labels: string[]): FastGauge;
  histogram(
    name: string,
    help: string,
    labels: string[],
    buckets: readonly number[],
  ): FastHistogram;
}

/** The families of the standard inference metric set. */
export interface InferenceFamilies {
  requests: FastCounter;
  requestDuration: FastHistogram;
  queueDuration: FastHistogram;
  inferenceDuration: FastHistogram;
  timeToFirstToken: FastHistogram;
  timePerOutputToken: FastHistogram;
  tokens: FastCounter;
  requestTokens: FastHistogram;
  batchSize: FastHistogram;
  finishReasons: FastCounter;
  running: FastGauge;
  waiting: FastGauge;
  cacheHits: FastCounter;
  cacheMisses: FastCounter;
  errors: FastCounter;
  lifecycle: FastCounter;
  modelsLoaded: FastGauge;
  loadDuration: FastHistogram;
}

/** Label names of the standard set under each profile. */
export interface LabelNames {
  model: string;
  status: string;
  type: string;
  errorType: string;
}

/**
 * Returns the label names of a profile. The OpenTelemetry GenAI profile uses
 * the attribute names as Prometheus stores them (`gen_ai.request.model`
 * becomes `gen_ai_request_model`), and reports the status as `error_type`.
 */
export function labelNamesOf(profile: NamingProfile): LabelNames {
  if (profile === 'otel-genai') {
    return {
      model: 'gen_ai_request_model',
      status: 'error_type',
      type: 'gen_ai_token_type',
      errorType: 'error_type',
    };
  }
  return { model: 'model', status: 'status', type: 'type', errorType: 'type' };
}

/** OpenTelemetry GenAI metric names (semconv 1.3x) as Prometheus stores them. */
const OTEL_NAMES = {
  requestDuration: toPrometheusName('gen_ai.server.request.duration', {
    unit: 's',
    type: 'histogram',
  }),
  timeToFirstToken: toPrometheusName('gen_ai.server.time_to_first_token', {
    unit: 's',
    type: 'histogram',
  }),
  timePerOutputToken: toPrometheusName('gen_ai.server.time_per_output_token', {
    unit: 's',
    type: 'histogram',
  }),
  requestTokens: toPrometheusName('gen_ai.client.token.usage', {
    unit: '{token}',
    type: 'histogram',
  }),
};

/** Creates the standard inference metric set through `factory`. */
export function createInferenceFamilies(
  config: MetricsConfigOutput,
  factory: FamilyFactory,
): InferenceFamilies {
  const p = config.prefix;
  const otel = config.naming === 'otel-genai';
  const { model, status, type, errorType } = labelNamesOf(config.naming);
  const buckets = config.buckets;
  const seconds = (name: keyof typeof OTEL_NAMES, fallback: string) =>
    otel ? OTEL_NAMES[name] : `${p}${fallback}`;

  return {
    requests: factory.counter(
      `${p}requests_total`,
      'Finished inference requests by model and outcome.',
      [model, status],
    ),
    requestDuration: factory.histogram(
      seconds('requestDuration', 'request_duration_seconds'),
      'End-to-end request duration in seconds, queue time included.',
      [model, status],
      buckets.latency,
    ),
    queueDuration: factory.histogram(
      `${p}queue_duration_seconds`,
      'Time requests waited in the queue, in seconds.',
      [model],
      buckets.queueTime,
    ),
    inferenceDuration: factory.histogram(
      `${p}inference_duration_seconds`,
      'Model execution time in seconds by phase (prefill, decode, total).',
      [model, 'phase'],
      buckets.latency,
    ),
    timeToFirstToken: factory.histogram(
      seconds('timeToFirstToken', 'time_to_first_token_seconds'),
      'Time to the first output token in seconds.',
      [model],
      buckets.timeToFirstToken,
    ),
    timePerOutputToken: factory.histogram(
      seconds('timePerOutputToken', 'time_per_output_token_seconds'),
      'Mean time per output token after the first, in seconds.',
      [model],
      buckets.timePerOutputToken,
    ),
    tokens: factory.counter(
      `${p}tokens_total`,
      'Tokens processed, by type (input or output).',
      [model, type],
    ),
    requestTokens: factory.histogram(
      otel ? OTEL_NAMES.requestTokens : `${p}request_tokens`,
      'Tokens per request, by type (input or output).',
      [model, type],
      buckets.tokens,
    ),
    batchSize: factory.histogram(
      `${p}batch_size`,
      'Requests per executed batch.',
      [model],
      buckets.batchSize,
    ),
    finishReasons: factory.counter(
      `${p}requests_finished_total`,
      'Finished requests by the reason generation stopped.',
      [model, 'finish_reason'],
    ),
    running: factory.gauge(
      `${p}requests_running`,
      'Requests currently executing.',
      [model],
    ),
    waiting: factory.gauge(
      `${p}requests_waiting`,
      'Requests currently waiting in the queue.',
      [model],
    ),
    cacheHits: factory.counter(
      `${p}cache_hits_total`,
      'Response-cache lookups that found a cached response.',
      [model],
    ),
    cacheMisses: factory.counter(
      `${p}cache_misses_total`,
      'Response-cache lookups that found nothing.',
      [model],
    ),
    errors: factory.counter(`${p}errors_total`, 'Errors by model and type.', [
      model,
      errorType,
    ]),
    lifecycle: factory.counter(
      `${p}model_lifecycle_events_total`,
      'Model lifecycle events (load, loaded, unload, unloaded, failed, warmup).',
      [model, 'event'],
    ),
    modelsLoaded: factory.gauge(
      `${p}models_loaded`,
      'Whether each model is loaded (1) or not (0).',
      [model],
    ),
    loadDuration: factory.histogram(
      `${p}model_load_duration_seconds`,
      'Model load duration in seconds.',
      [model],
      buckets.loadDuration,
    ),
  };
}
