export {
  AlertingConfig,
  type AlertingConfigInput,
  type AlertingConfigOutput,
  CircuitBreakerConfig,
  InhibitRuleConfig,
  RetryConfig,
  RouteConfig,
  type RouteConfigInput,
  type RouteConfigOutput,
  SilenceConfig,
} from './alerting-config.js';
export {
  AnomalyConfig,
  type AnomalyConfigInput,
  type AnomalyConfigOutput,
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
  AlertmanagerDestinationConfig,
  builtInDestinationSchemas,
  ConsoleDestinationConfig,
  type CustomDestinationConfig,
  type CustomDestinationConfigInput,
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
export { type LogFn, type Logger, silentLogger } from './logger.js';
export {
  HistogramBuckets,
  MetricsConfig,
  type MetricsConfigInput,
  type MetricsConfigOutput,
} from './metrics-config.js';
export {
  AppTracingConfig,
  FunctionAdapterConfig,
  HttpAdapterConfig,
  ModelAdapterConfig,
  type ModelAdapterConfigOutput,
  ModelConfig,
  type ModelConfigOutput,
  OrchestratorConfig,
  type OrchestratorConfigInput,
  type OrchestratorConfigOutput,
  ResourceSamplingConfig,
  ServerConfig,
  SimulatedAdapterConfig,
  SimulatedFaultConfig,
  type SimulatedFaultConfigOutput,
} from './orchestrator-config.js';
export { type ParseConfigOptions, parseConfig } from './parse-config.js';
export { REDACTED, redactConfig } from './redact-config.js';
export {
  isSecret,
  type SecretMeta,
  secret,
  secretRegistry,
} from './secret.js';
export {
  BatchProcessorConfig,
  ConsoleExporterConfig,
  MemoryExporterConfig,
  OtlpHttpExporterConfig,
  SpanLimitsConfig,
  TracingConfig,
  type TracingConfigInput,
  type TracingConfigOutput,
  TracingExporterConfig,
  type TracingExporterConfigOutput,
} from './tracing-config.js';
