import { MetricsError } from './errors.js';

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** Units of OpenTelemetry (UCUM) and their Prometheus name suffix. */
const UNIT_SUFFIX: Record<string, string> = {
  s: 'seconds',
  ms: 'milliseconds',
  us: 'microseconds',
  ns: 'nanoseconds',
  min: 'minutes',
  h: 'hours',
  By: 'bytes',
  KiBy: 'kibibytes',
  MiBy: 'mebibytes',
  GiBy: 'gibibytes',
  '%': 'percent',
  Hz: 'hertz',
};

/** Throws a `MetricsError` unless `name` is a valid Prometheus metric name. */
export function assertMetricName(name: string): void {
  if (!METRIC_NAME.test(name)) {
    throw new MetricsError(
      'METRICS_INVALID_NAME',
      `Invalid metric name ${JSON.stringify(name)}: expected letters, digits, "_" or ":" and no leading digit. Use toPrometheusName() to convert an OpenTelemetry name.`,
    );
  }
}

/**
 * Throws a `MetricsError` unless every label name is valid, unique and not
 * reserved (`__` prefixes always, `le` on histograms).
 */
export function assertLabelNames(
  metric: string,
  labelNames: readonly string[],
  reserved: readonly string[] = [],
): void {
  const seen = new Set<string>();
  for (const label of labelNames) {
    const invalid = !LABEL_NAME.test(label) || label.startsWith('__');
    if (invalid || reserved.includes(label) || seen.has(label)) {
      const why = invalid
        ? 'expected letters, digits or "_", no leading digit and no "__" prefix'
        : seen.has(label)
          ? 'it is listed twice'
          : 'the name is reserved';
      throw new MetricsError(
        'METRICS_INVALID_NAME',
        `Invalid label name ${JSON.stringify(label)} on metric ${metric}: ${why}. Rename the label.`,
      );
    }
    seen.add(label);
  }
}

/** Options of `toPrometheusName`. */
export interface PrometheusNameOptions {
  /** OpenTelemetry unit such as `s`, `By`, `1` or `{token}`. */
  unit?: string;
  /** Metric type; counters get the `_total` suffix. */
  type?: 'counter' | 'gauge' | 'histogram';
}

/**
 * Converts an OpenTelemetry metric name to the name Prometheus stores:
 * invalid characters become `_`, repeated `_` collapse, the unit becomes a
 * suffix (`s` to `_seconds`, `1` to `_ratio` on gauges, `{...}` annotations
 * dropped) and counters end in `_total`.
 */
export function toPrometheusName(
  name: string,
  options: PrometheusNameOptions = {},
): string {
  let converted = name.replace(/[^a-zA-Z0-9_:]/g, '_').replace(/_{2,}/g, '_');
  if (/^[0-9]/.test(converted)) {
    converted = `_${converted}`;
  }

  const suffix = unitSuffix(options.unit, options.type);
  if (suffix && !converted.endsWith(`_${suffix}`)) {
    converted = `${converted}_${suffix}`;
  }
  if (options.type === 'counter' && !converted.endsWith('_total')) {
    converted = `${converted}_total`;
  }

  return converted;
}

function unitSuffix(
  unit: string | undefined,
  type: PrometheusNameOptions['type'],
): string | undefined {
  const bare = unit?.replace(/\{[^}]*\}/g, '').trim();
  if (!bare) {
    return undefined;
  }
  if (bare === '1') {
    return type === 'gauge' ? 'ratio' : undefined;
  }

  const [numerator = '', denominator] = bare.split('/');
  const head = UNIT_SUFFIX[numerator] ?? numerator;
  if (denominator === undefined) {
    return head.replace(/[^a-zA-Z0-9_:]/g, '_');
  }
  const per = { s: 'second', m: 'minute', h: 'hour' }[denominator];
  return `${head}_per_${per ?? denominator}`.replace(/[^a-zA-Z0-9_:]/g, '_');
}
