/** Version of the @mm-orch/metrics package. */
export const VERSION = '0.1.0';

export { MetricsError, type MetricsErrorCode } from './errors.js';
export {
  type GpuCollector,
  type GpuSample,
  NvidiaSmiCollector,
  type NvidiaSmiOptions,
  parseNvidiaSmiCsv,
} from './gpu-collector.js';
export { labelNamesOf, type NamingProfile } from './inference-metrics.js';
export {
  Counter,
  CounterChild,
  Gauge,
  GaugeChild,
  Histogram,
  HistogramChild,
  type LabelValues,
} from './metric-handles.js';
export { acceptsOpenMetrics, type ServingAddress } from './metrics-server.js';
export { type PrometheusNameOptions, toPrometheusName } from './names.js';
export {
  type FormatOptions,
  type HistogramMetricDefinition,
  type MetricDefinition,
  PrometheusExporter,
  type PrometheusExporterOptions,
} from './prometheus-exporter.js';
export {
  type CumulativeBucket,
  histogramQuantile,
  type QuantileResult,
} from './quantile.js';
export type {
  HistogramSnapshot,
  MetricSnapshot,
  SampleSnapshot,
} from './snapshot.js';
export {
  OPENMETRICS_CONTENT_TYPE,
  PROMETHEUS_CONTENT_TYPE,
} from './text-format.js';
export type {
  CacheRecord,
  DropReason,
  ErrorRecord,
  InferenceRecord,
  InferenceStatus,
  MetricsStatus,
  ModelLifecycleEvent,
  ModelLifecycleRecord,
} from './types.js';
