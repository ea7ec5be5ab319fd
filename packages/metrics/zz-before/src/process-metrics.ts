import { collectDefaultMetrics, type Registry } from 'prom-client';

/**
 * Registers prom-client's default process and Node.js metrics (CPU time,
 * resident memory, heap, event-loop lag, ...) in `registry`. prom-client 15
 * adds three gauges named `nodejs_active_{handles,requests,resources}_total`,
 * a suffix that Prometheus reserves for counters and that
 * `promtool check metrics` flags. They are removed: each equals
 * `sum(nodejs_active_...)` over the per-type gauge of the same name without
 * the suffix, which stays.
 */
export function registerProcessMetrics(registry: Registry): void {
  collectDefaultMetrics({ register: registry });

  const metrics = registry.getMetricsAsArray() as unknown as {
    name: string;
    type: string;
  }[];
  for (const metric of metrics) {
    if (metric.type !== 'counter' && metric.name.endsWith('_total')) {
      registry.removeSingleMetric(metric.name);
    }
  }
}
