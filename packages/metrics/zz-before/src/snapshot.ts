import type { Registry } from 'prom-client';
import { FastFamily, metricsOf, type PromClientData } from './fast-family.js';
import { FastHistogram } from './fast-histogram.js';
import type { CumulativeBucket } from './quantile.js';

/** Value of one counter or gauge series. */
export interface SampleSnapshot {
  /** Labels of the series, default labels included. */
  labels: Record<string, string>;
  /** Current value. */
  value: number;
}

/** State of one histogram series. */
export interface HistogramSnapshot {
  /** Labels of the series, default labels included. */
  labels: Record<string, string>;
  /** Cumulative buckets, the last one with `le: Infinity`. */
  buckets: CumulativeBucket[];
  /** Sum of observed values. */
  sum: number;
  /** Number of observations. */
  count: number;
}

/** One metric with all its series, as `getMetrics()` returns it. */
export type MetricSnapshot =
  | {
      name: string;
      help: string;
      type: 'counter' | 'gauge' | 'summary';
      series: SampleSnapshot[];
    }
  | {
      name: string;
      help: string;
      type: 'histogram';
      series: HistogramSnapshot[];
    };

/** Builds a JSON-ready snapshot of every metric of `registry`. */
export async function snapshotRegistry(
  registry: Registry,
  defaultLabels: Record<string, string>,
): Promise<MetricSnapshot[]> {
  const snapshots: MetricSnapshot[] = [];
  for (const metric of metricsOf(registry)) {
    if (metric instanceof FastHistogram) {
      snapshots.push(snapshotHistogram(metric, defaultLabels));
      continue;
    }
    if (metric instanceof FastFamily) {
      const series = metric.series.map((item) => ({
        labels: { ...defaultLabels, ...metric.labelsOf(item) },
        value: metric.cells[item.offset] as number,
      }));
      const type = metric.type as 'counter' | 'gauge';
      snapshots.push({ name: metric.name, help: metric.help, type, series });
      continue;
    }
    const other = metric as { get(): Promise<PromClientData> };
    const data = await other.get();
    snapshots.push(snapshotOther(data, defaultLabels));
  }
  return snapshots;
}

/** Returns the cumulative buckets of a series of a fast histogram. */
export function bucketsOf(
  family: FastHistogram,
  offset: number,
): CumulativeBucket[] {
  const buckets: CumulativeBucket[] = [];
  let total = 0;
  for (let b = 0; b <= family.bounds.length; b++) {
    // A negative offset returns the bounds with zero counts.
    total += offset < 0 ? 0 : (family.cells[offset + b] as number);
    const le =
      b < family.bounds.length ? (family.bounds[b] as number) : Infinity;
    buckets.push({ le, count: total });
  }
  return buckets;
}

/**
 * Returns the cumulative buckets of a fast histogram summed over the series
 * whose labels include `labels`, as `sum by (le)` would in PromQL.
 */
export function summedBuckets(
  family: FastHistogram,
  labels: Record<string, string>,
): CumulativeBucket[] {
  const names = Object.keys(labels);
  const totals = bucketsOf(family, -1);
  for (const series of family.series) {
    const own = family.labelsOf(series);
    if (names.every((name) => own[name] === labels[name])) {
      bucketsOf(family, series.offset).forEach((bucket, i) => {
        (totals[i] as CumulativeBucket).count += bucket.count;
      });
    }
  }
  return totals;
}

function snapshotHistogram(
  family: FastHistogram,
  defaultLabels: Record<string, string>,
): MetricSnapshot {
  const series = family.series.map((item) => {
    const buckets = bucketsOf(family, item.offset);
    return {
      labels: { ...defaultLabels, ...family.labelsOf(item) },
      buckets,
      sum: family.cells[item.offset + family.bounds.length + 1] as number,
      count: buckets.at(-1)?.count ?? 0,
    };
  });
  return { name: family.name, help: family.help, type: 'histogram', series };
}

function snapshotOther(
  data: PromClientData,
  defaultLabels: Record<string, string>,
): MetricSnapshot {
  const labelsOf = (labels: Record<string, string | number>) => {
    const copy: Record<string, string> = { ...defaultLabels };
    for (const [name, value] of Object.entries(labels)) {
      copy[name] = String(value);
    }
    return copy;
  };

  if (data.type !== 'histogram') {
    const series = data.values.map((sample) => ({
      labels: labelsOf(sample.labels),
      value: sample.value,
    }));
    const type = data.type as 'counter' | 'gauge' | 'summary';
    return { name: data.name, help: data.help, type, series };
  }

  const byLabels = new Map<string, HistogramSnapshot>();
  for (const sample of data.values) {
    const { le, ...rest } = sample.labels;
    const key = JSON.stringify(rest);
    let series = byLabels.get(key);
    if (series === undefined) {
      series = { labels: labelsOf(rest), buckets: [], sum: 0, count: 0 };
      byLabels.set(key, series);
    }
    if (sample.metricName?.endsWith('_bucket')) {
      const bound = le === '+Inf' ? Infinity : Number(le);
      series.buckets.push({ le: bound, count: sample.value });
    } else if (sample.metricName?.endsWith('_sum')) {
      series.sum = sample.value;
    } else {
      series.count = sample.value;
    }
  }
  const series = [...byLabels.values()];
  return { name: data.name, help: data.help, type: 'histogram', series };
}
