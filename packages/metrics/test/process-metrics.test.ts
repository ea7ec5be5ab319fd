import { Registry } from 'prom-client';
import { describe, expect, test } from 'vitest';
import { registerProcessMetrics } from '../src/process-metrics.js';
import { checkMetrics } from './support/promtool.js';

describe('registerProcessMetrics', () => {
  test('registers resource gauges', async () => {
    const registry = new Registry();

    registerProcessMetrics(registry);
    const names = registry.getMetricsAsArray().map((m) => m.name);

    expect(names).toEqual(
      expect.arrayContaining([
        'process_cpu_seconds_total',
        'process_resident_memory_bytes',
        'nodejs_heap_size_used_bytes',
        'nodejs_eventloop_lag_seconds',
      ]),
    );
  });

  test('drops gauges named _total', () => {
    const registry = new Registry();

    registerProcessMetrics(registry);
    const misnamed = registry
      .getMetricsAsArray()
      .filter((m) => m.name.endsWith('_total') && String(m.type) !== 'counter');

    expect(misnamed).toEqual([]);
  });

  test('passes promtool', async () => {
    const registry = new Registry();

    registerProcessMetrics(registry);

    expect(checkMetrics(await registry.metrics())).toEqual({
      status: 0,
      output: '',
    });
  });
});
