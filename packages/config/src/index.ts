export {
  type AlertingConfigInput,
  type AlertingConfigOutput,
  AlertingConfig,
  CircuitBreakerConfig,
  InhibitRuleConfig,
  RetryConfig,
  RouteConfig,
  type RouteConfigInput,
  type RouteConfigOutput,
  SilenceConfig,
} from './alerting-config.js';
export {
  AlertmanagerDestinationConfig,
  builtInDestinationSchemas,
  ConsoleDestinationConfig,
  type CustomDestinationConfig,
  type DestinationConfigInput,
  type DestinationConfigOutput,
  FileDestinationConfig,
  MemoryDestinationConfig,
  PagerDutyDestinationConfig,
  RateLimitConfig,
  SlackDestinationConfig,
  WebhookDestinationConfig,
} from './destination-config.js';
export {
  DestinationConfig,
  DestinationSchemaError,
  getDestinationSchema,
  listDestinationTypes,
  registerDestinationSchema,
} from './destination-registry.js';
export {
  type AnomalyConfigInput,
  type AnomalyConfigOutput,
  AnomalyConfig,
  DETECTOR_ALGORITHMS,
  type DetectorAlgorithm,
  SignalDetectorConfig,
  type SignalDetectorConfigInput,
  type SignalDetectorConfigOutput,
} from './anomaly-config.js';
export {
  ConfigError,
  type ConfigErrorCode,
  type ConfigErrorOptions,
  type ConfigProblem,
  type ConfigProblemCode,
  formatProblem,
} from './config-error.js';
export { formatConfigPath } from './config-path.js';
export {
  type DurationUnit,
  durationMs,
  parseDurationMs,
} from './duration.js';
export {
  dynamicSchema,
  type SchemaResolver,
} from './dynamic-schema.js';
export type { EnvironmentVariables } from './interpolate-variables.js';
export {
  type DeepPartial,
  type LoadConfigOptions,
  loadConfig,
} from './load-config.js';
export { type ParseConfigOptions, parseConfig } from './parse-config.js';
export { REDACTED, redactConfig } from './redact-config.js';
export {
  HistogramBuckets,
  type MetricsConfigInput,
  type MetricsConfigOutput,
  MetricsConfig,
} from './metrics-config.js';
export {
  FunctionAdapterConfig,
  HttpAdapterConfig,
  ModelAdapterConfig,
  type ModelAdapterConfigOutput,
  ModelConfig,
  type ModelConfigOutput,
  type OrchestratorConfigInput,
  type OrchestratorConfigOutput,
  OrchestratorConfig,
  ResourceSamplingConfig,
  ServerConfig,
  SimulatedAdapterConfig,
  SimulatedFaultConfig,
  type SimulatedFaultConfigOutput,
} from './orchestrator-config.js';
export {
  type SecretMeta,
  isSecret,
  secret,
  secretRegistry,
} from './secret.js';
export {
  BatchProcessorConfig,
  ConsoleExporterConfig,
  MemoryExporterConfig,
  OtlpHttpExporterConfig,
  SpanLimitsConfig,
  type TracingConfigInput,
  type TracingConfigOutput,
  TracingConfig,
  TracingExporterConfig,
  type TracingExporterConfigOutput,
} from './tracing-config.js';
export { type LogFn, type Logger, silentLogger } from './logger.js';
