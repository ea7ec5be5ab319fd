import { performance } from 'node:perf_hooks';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Registry } from 'prom-client';
import { FastFamily, type PromClientData } from './fast-family.js';
import {
  braces,
  escapeHelp,
  escapeLabelValue,
  formatLabelPairs,
  formatValue,
} from './text-format.js';

/** Options of `renderExposition`. */
export interface ExpositionOptions {
  /** Whether to render OpenMetrics 1.0 instead of Prometheus text 0.0.4. */
  openMetrics: boolean;
  /** Labels added to every series, unless the series has the label. */
  defaultLabels: Record<string, string>;
  /**
   * Maximum run of rendering between two yields to the event loop, in ms.
   * @default 2
   */
  sliceMs?: number;
}

/** Metric object as prom-client's `Registry` stores it. */
interface RegisteredMetric {
  name: string;
  type: string;
  get(): Promise<PromClientData> | PromClientData;
}

const SERIES_PER_CHECK = 8;
// Joining lines is where V8 copies the concatenated pieces into one flat
// string, as much work as rendering them, so a chunk is kept small and the
// slice clock is read again after the join.
const LINES_PER_CHUNK = 512;

/**
 * Renders every metric of `registry` as text chunks, in the registry's
 * order. Fast families are rendered from their cells; other metrics go
 * through prom-client (Prometheus format) or their `get()` data
 * (OpenMetrics). Rendering yields to the event loop every `sliceMs`, joins
 * a chunk every few hundred lines, and renders each series whole between
 * two yields, so its buckets, sum and count always agree.
 */
export async function* renderExposition(
  registry: Registry,
  options: ExpositionOptions,
): AsyncGenerator<string> {
  const sliceMs = options.sliceMs ?? 2;
  const names = Object.keys(options.defaultLabels);
  const values = Object.values(options.defaultLabels);
  const metrics = registry.getMetricsAsArray() as unknown as RegisteredMetric[];
  let lines: string[] = [];
  let sliceStart = performance.now();

  const flush = async function* () {
    if (lines.length > 0) {
      lines.push('');
      const chunk = lines.join('\n');
      lines = [];
      yield chunk;
    }
    if (performance.now() - sliceStart >= sliceMs) {
      await nextTurn();
      sliceStart = performance.now();
    }
  };

  for (let m = 0; m < metrics.length; m++) {
    const metric = metrics[m] as RegisteredMetric;
    if (m > 0 && !options.openMetrics) {
      lines.push('');
    }

    if (!(metric instanceof FastFamily)) {
      lines.push(await renderOther(registry, metric, options, names, values));
      yield* flush();
      continue;
    }

    const family = metric;
    const defaults = formatLabelPairs(
      names,
      values,
      new Set(family.labelNames),
    );
    lines.push(...header(family.name, family.help, family.type, options));

    const series = family.series;
    const count = series.length;
    const cells = family.cells;
    for (let from = 0; from < count; from += SERIES_PER_CHECK) {
      const to = Math.min(from + SERIES_PER_CHECK, count);
      // After a reset or removal the family has new arrays, so this scrape
      // then finishes from the arrays it started with.
      const current = family.series === series ? family.cells : cells;
      family.render(
        lines,
        series,
        current,
        from,
        to,
        defaults,
        options.openMetrics,
      );
      const due = performance.now() - sliceStart >= sliceMs;
      if (due || lines.length >= LINES_PER_CHUNK) {
        yield* flush();
      }
    }
  }

  if (options.openMetrics) {
    lines.push('# EOF');
  }
  yield* flush();
}

/**
 * Collects the chunks of `renderExposition` into one string.
 * NOTE: the final join copies the whole output in one step (160 MB at
 * 100,000 histogram series). Building the string by `+=` only moves that
 * copy to the caller's first read, so large registries should stream.
 */
export async function renderExpositionText(
  registry: Registry,
  options: ExpositionOptions,
): Promise<string> {
  const chunks: string[] = [];
  for await (const chunk of renderExposition(registry, options)) {
    chunks.push(chunk);
  }
  return chunks.join('');
}

function header(
  name: string,
  help: string,
  type: string,
  options: ExpositionOptions,
): string[] {
  const headerName =
    options.openMetrics && type === 'counter'
      ? name.replace(/_total$/, '')
      : name;
  const escaped = escapeHelp(headerName);
  // OpenMetrics HELP escapes double quotes too; Prometheus text does not.
  const helpText = options.openMetrics
    ? escapeLabelValue(help)
    : escapeHelp(help);
  return [`# HELP ${escaped} ${helpText}`, `# TYPE ${escaped} ${type}`];
}

async function renderOther(
  registry: Registry,
  metric: RegisteredMetric,
  options: ExpositionOptions,
  names: string[],
  values: string[],
): Promise<string> {
  if (!options.openMetrics) {
    return registry.getSingleMetricAsString(metric.name);
  }

  const data = await metric.get();
  const lines = header(data.name, data.help, data.type, options);
  const isCounter = data.type === 'counter';
  const base = isCounter ? data.name.replace(/_total$/, '') : data.name;
  for (const sample of data.values ?? []) {
    const labels = sample.labels as Record<string, string>;
    const own = Object.keys(labels);
    const ownText = formatLabelPairs(
      own,
      own.map((k) => String(labels[k])),
    );
    const defaults = formatLabelPairs(names, values, new Set(own));
    const name = sample.metricName ?? (isCounter ? `${base}_total` : base);
    const value = formatValue(sample.value);
    lines.push(`${name}${braces(ownText, defaults)} ${value}`);
  }
  return lines.join('\n');
}
