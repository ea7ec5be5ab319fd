import { describe, expect, test } from 'vitest';
import { MetricsError, toPrometheusName } from '../src/index.js';
import { assertLabelNames, assertMetricName } from '../src/names.js';

describe('toPrometheusName', () => {
  const CASES = [
    [
      'gen_ai.server.request.duration',
      { unit: 's', type: 'histogram' },
      'gen_ai_server_request_duration_seconds',
    ],
    [
      'gen_ai.client.token.usage',
      { unit: '{token}', type: 'histogram' },
      'gen_ai_client_token_usage',
    ],
    [
      'http.server.active_requests',
      { unit: '{request}', type: 'gauge' },
      'http_server_active_requests',
    ],
    [
      'system.memory.usage',
      { unit: 'By', type: 'gauge' },
      'system_memory_usage_bytes',
    ],
    ['gpu.utilization', { unit: '1', type: 'gauge' }, 'gpu_utilization_ratio'],
    ['requests', { unit: '1', type: 'counter' }, 'requests_total'],
    [
      'throughput',
      { unit: 'By/s', type: 'gauge' },
      'throughput_bytes_per_second',
    ],
    ['db..calls', { type: 'counter' }, 'db_calls_total'],
    ['2xx.responses', {}, '_2xx_responses'],
    ['latency_seconds', { unit: 's' }, 'latency_seconds'],
  ] as const;

  test.each(CASES)('converts %s', (name, options, expected) => {
    expect(toPrometheusName(name, options)).toBe(expected);
  });
});

describe('name validation', () => {
  test('accepts colons in metric names', () => {
    expect(() => assertMetricName('job:requests:rate5m')).not.toThrow();
  });

  test('rejects a leading digit', () => {
    expect(() => assertMetricName('5xx_total')).toThrowError(MetricsError);
  });

  test('rejects double underscore labels', () => {
    expect(() => assertLabelNames('m', ['__name'])).toThrowError(/"__" prefix/);
  });

  test('rejects repeated labels', () => {
    expect(() => assertLabelNames('m', ['a', 'a'])).toThrowError(
      /listed twice/,
    );
  });

  test('rejects dotted labels', () => {
    expect(() => assertLabelNames('m', ['gen_ai.system'])).toThrowError(
      /Invalid label name "gen_ai.system" on metric m/,
    );
  });
});
