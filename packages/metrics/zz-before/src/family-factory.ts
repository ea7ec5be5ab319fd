import { HistogramBuckets } from '@mm-orch/config';
import type { Registry } from 'prom-client';
import { MetricsError } from './errors.js';
import { FastCounter } from './fast-counter.js';
import { type DropSink, FastFamily } from './fast-family.js';
import { FastGauge } from './fast-gauge.js';
import { FastHistogram } from './fast-histogram.js';
import type { FamilyFactory } from './inference-metrics.js';
import { assertLabelNames, assertMetricName } from './names.js';

/**
 * Creates the factory through which an exporter registers its families in
 * `registry`. Names, labels and buckets are validated once here. The same
 * definition twice returns the registered family, and a conflicting one
 * throws a `MetricsError` that names both definitions.
 */
export function createFamilyFactory(
  registry: Registry,
  limit: number,
  onDrop: DropSink,
): FamilyFactory {
  const define = <F extends FastFamily>(
    definition: Definition,
    create: () => F,
  ): F => {
    assertMetricName(definition.name);
    const reserved = definition.type === 'histogram' ? ['le'] : [];
    assertLabelNames(definition.name, definition.labelNames, reserved);

    const existing = registry.getSingleMetric(definition.name);
    if (existing === undefined) {
      const family = create();
      registry.registerMetric(family as never);
      return family;
    }
    if (sameDefinition(existing, definition)) {
      return existing as unknown as F;
    }
    throw new MetricsError(
      'METRICS_CONFLICT',
      `Metric ${definition.name} is already registered as ${describe(existing)}; the new definition is ${describeDefinition(definition)}. Reuse the existing definition or pick another name.`,
    );
  };

  return {
    counter: (name, help, labelNames) =>
      define(
        { type: 'counter', name, labelNames },
        () => new FastCounter({ name, help, labelNames }, limit, onDrop),
      ),
    gauge: (name, help, labelNames) =>
      define(
        { type: 'gauge', name, labelNames },
        () => new FastGauge({ name, help, labelNames }, limit, onDrop),
      ),
    histogram: (name, help, labelNames, buckets) => {
      assertBuckets(name, buckets);
      return define(
        { type: 'histogram', name, labelNames, buckets },
        () =>
          new FastHistogram({ name, help, labelNames, buckets }, limit, onDrop),
      );
    },
  };
}

function assertBuckets(name: string, buckets: readonly number[]): void {
  const checked = HistogramBuckets.safeParse(buckets);
  if (checked.success) {
    return;
  }
  const problems = checked.error.issues.map((issue) => issue.message);
  throw new MetricsError(
    'METRICS_INVALID_OPTIONS',
    `Invalid buckets for histogram ${name}: ${problems.join('; ')}. Give finite, strictly increasing upper bounds.`,
  );
}

interface Definition {
  type: 'counter' | 'gauge' | 'histogram';
  name: string;
  labelNames: readonly string[];
  buckets?: readonly number[];
}

function sameDefinition(existing: unknown, definition: Definition): boolean {
  if (!(existing instanceof FastFamily) || existing.type !== definition.type) {
    return false;
  }
  const sameLabels =
    existing.labelNames.join(',') === definition.labelNames.join(',');
  if (!(existing instanceof FastHistogram)) {
    return sameLabels;
  }
  return (
    sameLabels &&
    [...existing.bounds].join(',') === definition.buckets?.join(',')
  );
}

function describe(existing: unknown): string {
  if (existing instanceof FastHistogram) {
    return describeDefinition({
      type: 'histogram',
      name: existing.name,
      labelNames: existing.labelNames,
      buckets: [...existing.bounds],
    });
  }
  if (existing instanceof FastFamily) {
    return describeDefinition(existing);
  }
  const metric = existing as { type?: string };
  return `a prom-client ${metric.type ?? 'metric'}`;
}

function describeDefinition(definition: Definition): string {
  const labels = `{${definition.labelNames.join(',')}}`;
  const buckets = definition.buckets
    ? ` buckets [${definition.buckets.join(', ')}]`
    : '';
  return `${definition.type} ${definition.name}${labels}${buckets}`;
}
