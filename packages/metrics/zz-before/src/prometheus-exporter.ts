import {
  type Logger,
  MetricsConfig,
  type MetricsConfigInput,
  type MetricsConfigOutput,
  parseConfig,
  silentLogger,
} from '@mm-orch/config';
import { Registry } from 'prom-client';
import { MetricsError } from './errors.js';
import { renderExposition, renderExpositionText } from './exposition.js';
import { createFamilyFactory } from './family-factory.js';
import { FastCounter } from './fast-counter.js';
import { FastFamily, metricsOf } from './fast-family.js';
import { FastHistogram } from './fast-histogram.js';
import { type GpuCollector, NvidiaSmiCollector } from './gpu-collector.js';
import { registerGpuMetrics } from './gpu-metrics.js';
import {
  createInferenceFamilies,
  type FamilyFactory,
  type InferenceFamilies,
} from './inference-metrics.js';
import { InferenceRecorder } from './inference-recorder.js';
import { Counter, Gauge, Histogram } from './metric-handles.js';
import { MetricsServer, type ServingAddress } from './metrics-server.js';
import { toPrometheusName } from './names.js';
import { registerProcessMetrics } from './process-metrics.js';
import { histogramQuantile, type QuantileResult } from './quantile.js';
import {
  type MetricSnapshot,
  snapshotRegistry,
  summedBuckets,
} from './snapshot.js';
import {
  OPENMETRICS_CONTENT_TYPE,
  PROMETHEUS_CONTENT_TYPE,
} from './text-format.js';
import type {
  CacheRecord,
  DropReason,
  ErrorRecord,
  InferenceRecord,
  MetricsStatus,
  ModelLifecycleRecord,
} from './types.js';

/** Options of `PrometheusExporter`: `MetricsConfig` plus runtime objects. */
export type PrometheusExporterOptions = MetricsConfigInput & {
  /** Logger for starts, stops and failures. @default silentLogger */
  logger?: Logger;
  /** Source of GPU metrics. @default new NvidiaSmiCollector() */
  gpuCollector?: GpuCollector;
};

/** Definition of a custom metric. */
export interface MetricDefinition {
  /**
   * Prometheus metric name, or an OpenTelemetry name with dots (such as
   * `gen_ai.server.request.duration`) that is converted by
   * `toPrometheusName` with `unit`.
   */
  name: string;
  /** OpenTelemetry unit (`s`, `By`, `{token}`, ...) of a dotted name. @default undefined */
  unit?: string;
  /** HELP text. */
  help: string;
  /** Label names. @default [] */
  labelNames?: readonly string[];
}

/** Definition of a custom histogram. */
export interface HistogramMetricDefinition extends MetricDefinition {
  /** Finite, strictly increasing upper bounds. */
  buckets: readonly number[];
}

/** Options of `formatMetrics`. */
export interface FormatOptions {
  /** Render OpenMetrics 1.0 (with exemplars) instead of Prometheus text. @default false */
  openMetrics?: boolean;
}

/** Name of the self-metric counting dropped observations, after the prefix. */
const DROPPED_METRIC = 'metrics_dropped_total';
const NO_DROPS: Record<DropReason, number> = {
  invalid_value: 0,
  invalid_label: 0,
  series_limit: 0,
  invalid_exemplar: 0,
};

/**
 * Prometheus exporter of an inference service. It owns its prom-client
 * `Registry`, records the standard inference metric set on a hot path that
 * never throws, renders Prometheus text or OpenMetrics, and serves the
 * scrape endpoint.
 */
export class PrometheusExporter {
  /** The exporter's own prom-client registry (never the global one). */
  readonly registry = new Registry();
  /** Options after defaults are applied. */
  readonly config: MetricsConfigOutput;

  private readonly logger: Logger;
  private readonly families: InferenceFamilies;
  private readonly recorder: InferenceRecorder;
  private readonly dropped: FastCounter;
  private readonly droppedOffsets = new Map<string, number>();
  private droppedByReason = { ...NO_DROPS };
  private server: MetricsServer | undefined;
  private serving: ServingAddress | null = null;
  private degradation: string | null = null;
  private lastError: { message: string; at: number } | null = null;
  private errorCount = 0;
  private readonly factory: FamilyFactory;

  constructor(options: PrometheusExporterOptions = {}) {
    const { logger, gpuCollector, ...rest } = options;
    this.config = parseConfig(MetricsConfig, rest, {
      source: 'PrometheusExporter options',
    });
    this.logger = logger ?? silentLogger;
    this.registry.setDefaultLabels({ ...this.config.defaultLabels });

    const limit = this.config.maxSeriesPerMetric;
    this.factory = createFamilyFactory(this.registry, limit, (metric, reason) =>
      this.countDrop(metric, reason),
    );
    this.families = createInferenceFamilies(this.config, this.factory);
    this.dropped = new FastCounter(
      {
        name: `${this.config.prefix}${DROPPED_METRIC}`,
        help: 'Observations dropped by metric and reason (invalid value or label, series limit).',
        labelNames: ['metric', 'reason'],
      },
      Number.POSITIVE_INFINITY,
      () => {},
    );
    this.registry.registerMetric(this.dropped as never);
    this.recorder = new InferenceRecorder(
      this.families,
      this.config.naming,
      this.config.exemplars,
      limit,
      (error) => this.noteError(error),
    );

    if (this.config.enabled && this.config.processMetrics) {
      registerProcessMetrics(this.registry);
    }
    if (this.config.enabled && this.config.gpuMetrics) {
      registerGpuMetrics(
        this.registry,
        this.config.prefix,
        gpuCollector ?? new NvidiaSmiCollector(),
        (error) => this.noteError(error),
      );
    }
  }

  /** Records one finished request; never throws. */
  recordInference(record: InferenceRecord): void {
    if (this.config.enabled) {
      this.recorder.recordInference(record);
    }
  }

  /** Records a model lifecycle event; never throws. */
  recordModelLifecycle(record: ModelLifecycleRecord): void {
    if (this.config.enabled) {
      this.recorder.recordModelLifecycle(record);
    }
  }

  /** Sets the number of requests executing for `model`; never throws. */
  setRunning(model: string, count: number): void {
    if (this.config.enabled) {
      this.recorder.setRunning(model, count);
    }
  }

  /** Sets the number of requests queued for `model`; never throws. */
  setWaiting(model: string, count: number): void {
    if (this.config.enabled) {
      this.recorder.setWaiting(model, count);
    }
  }

  /** Counts one response-cache hit or miss; never throws. */
  recordCache(record: CacheRecord): void {
    if (this.config.enabled) {
      this.recorder.recordCache(record);
    }
  }

  /** Counts one error by model and type; never throws. */
  recordError(record: ErrorRecord): void {
    if (this.config.enabled) {
      this.recorder.recordError(record);
    }
  }

  /** Registers a counter, or returns the one with the same definition. */
  counter(definition: MetricDefinition): Counter {
    const name = prometheusNameOf(definition, 'counter');
    const labels = [...(definition.labelNames ?? [])];
    return new Counter(this.factory.counter(name, definition.help, labels));
  }

  /** Registers a gauge, or returns the one with the same definition. */
  gauge(definition: MetricDefinition): Gauge {
    const name = prometheusNameOf(definition, 'gauge');
    const labels = [...(definition.labelNames ?? [])];
    return new Gauge(this.factory.gauge(name, definition.help, labels));
  }

  /** Registers a histogram, or returns the one with the same definition. */
  histogram(definition: HistogramMetricDefinition): Histogram {
    const labels = [...(definition.labelNames ?? [])];
    const family = this.factory.histogram(
      prometheusNameOf(definition, 'histogram'),
      definition.help,
      labels,
      definition.buckets,
    );
    return new Histogram(family);
  }

  /** Renders every metric as Prometheus text 0.0.4 or OpenMetrics 1.0. */
  formatMetrics(options: FormatOptions = {}): Promise<string> {
    return renderExpositionText(this.registry, {
      openMetrics: options.openMetrics ?? false,
      defaultLabels: this.config.defaultLabels,
    });
  }

  /** Renders every metric as text chunks, yielding to the event loop. */
  streamMetrics(options: FormatOptions = {}): AsyncIterable<string> {
    return renderExposition(this.registry, {
      openMetrics: options.openMetrics ?? false,
      defaultLabels: this.config.defaultLabels,
    });
  }

  /** Returns the content type of `formatMetrics` with these options. */
  contentType(options: FormatOptions = {}): string {
    return options.openMetrics
      ? OPENMETRICS_CONTENT_TYPE
      : PROMETHEUS_CONTENT_TYPE;
  }

  /** Returns a JSON-ready snapshot of every metric and series. */
  getMetrics(): Promise<MetricSnapshot[]> {
    return snapshotRegistry(this.registry, this.config.defaultLabels);
  }

  /**
   * Estimates the `q` quantile of a histogram the way Prometheus's
   * `histogram_quantile` does, over the series whose labels include
   * `labels` (summed). `metric` is the full name or the name after the
   * prefix. Throws a `MetricsError` when no histogram has that name.
   */
  quantile(
    metric: string,
    q: number,
    labels: Record<string, string> = {},
  ): QuantileResult {
    const family = this.findHistogram(metric);
    return histogramQuantile(q, summedBuckets(family, labels));
  }

  /** Clears every recorded value; a scrape in progress stays consistent. */
  reset(): void {
    for (const metric of metricsOf(this.registry)) {
      if (metric instanceof FastFamily) {
        metric.reset();
      }
    }
    this.droppedOffsets.clear();
    this.droppedByReason = { ...NO_DROPS };
    this.recorder.clearCache();
  }

  /**
   * Starts the scrape endpoint and returns its address. Rejects with a
   * `MetricsError` (code `METRICS_ADDRESS_IN_USE` when the port is taken)
   * and marks the exporter degraded. Returns null when metrics are disabled.
   */
  async start(): Promise<ServingAddress | null> {
    if (!this.config.enabled) {
      return null;
    }
    if (this.serving !== null) {
      return this.serving;
    }

    const server = new MetricsServer({
      host: this.config.host,
      port: this.config.port,
      path: this.config.path,
      bearerToken: this.config.bearerToken,
      render: (openMetrics) => this.streamMetrics({ openMetrics }),
      onError: (error) => this.noteError(error),
    });
    try {
      this.serving = await server.start();
    } catch (error) {
      const message = (error as Error).message;
      this.degradation = `scrape endpoint not serving: ${message}`;
      this.lastError = { message, at: Date.now() };
      this.logger.error({ err: error }, 'metrics endpoint failed to start');
      throw error;
    }

    this.server = server;
    this.degradation = null;
    this.logger.info({ url: this.serving.url }, 'metrics endpoint listening');
    return this.serving;
  }

  /** Stops the scrape endpoint and frees its port. */
  async stop(): Promise<void> {
    const server = this.server;
    if (server === undefined) {
      return;
    }
    this.server = undefined;
    this.serving = null;
    await server.stop();
    this.logger.info('metrics endpoint stopped');
  }

  /** Returns health and counters of the exporter. */
  getStatus(): MetricsStatus {
    let series = 0;
    for (const metric of metricsOf(this.registry)) {
      if (metric instanceof FastFamily) {
        series += metric.series.length;
      }
    }
    return {
      enabled: this.config.enabled,
      serving: this.serving === null ? null : { ...this.serving },
      series,
      dropped: { ...this.droppedByReason },
      degraded: this.degradation !== null,
      degradationReason: this.degradation,
      lastError: this.lastError === null ? null : { ...this.lastError },
    };
  }

  private findHistogram(metric: string): FastHistogram {
    const found =
      this.registry.getSingleMetric(metric) ??
      this.registry.getSingleMetric(`${this.config.prefix}${metric}`);
    if (found instanceof FastHistogram) {
      return found;
    }
    const histograms = metricsOf(this.registry)
      .filter((m) => m instanceof FastHistogram)
      .map((m) => (m as FastHistogram).name);
    throw new MetricsError(
      'METRICS_UNKNOWN_METRIC',
      `No histogram named ${JSON.stringify(metric)}. Use one of: ${histograms.join(', ')}.`,
    );
  }

  private countDrop(metric: string, reason: DropReason): void {
    this.droppedByReason[reason]++;
    const key = `${metric}\u0000${reason}`;
    let offset = this.droppedOffsets.get(key);
    if (offset === undefined) {
      offset = this.dropped.seriesFor([metric, reason])?.offset ?? -1;
      this.droppedOffsets.set(key, offset);
      this.lastError = {
        message: `dropped an observation of ${metric}: ${reason}`,
        at: Date.now(),
      };
      this.logger.warn({ metric, reason }, 'metric observation dropped');
    }
    if (offset >= 0) {
      this.dropped.incAt(offset, 1);
    }
    if (reason === 'series_limit' && this.degradation === null) {
      this.degradation = `series limit (${this.config.maxSeriesPerMetric}) reached on ${metric}; new label sets are dropped`;
    }
  }

  private noteError(error: unknown): void {
    this.errorCount++;
    const message = error instanceof Error ? error.message : String(error);
    this.lastError = { message, at: Date.now() };
    if (this.errorCount === 1 || this.errorCount % 1000 === 0) {
      this.logger.warn({ err: error, count: this.errorCount }, 'metrics error');
    }
  }
}

/** Converts a dotted OpenTelemetry name; leaves other names as given. */
function prometheusNameOf(
  definition: MetricDefinition,
  type: 'counter' | 'gauge' | 'histogram',
): string {
  if (!definition.name.includes('.')) {
    return definition.name;
  }
  return toPrometheusName(definition.name, { unit: definition.unit, type });
}
