export {
  type AlertingConfigInput,
  type AlertingConfigOutput,
  AlertingConfig,
} from './alerting-config.js';
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
export { durationMs, parseDurationMs } from './duration.js';
export {
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
  ServerConfig,
  SimulatedAdapterConfig,
  SimulatedFaultConfig,
  type SimulatedFaultConfigOutput,
} from './orchestrator-config.js';
export { type SecretMeta, secret, secretRegistry } from './secret.js';
export {
  type TracingConfigInput,
  type TracingConfigOutput,
  TracingConfig,
} from './tracing-config.js';
export { type LogFn, type Logger, silentLogger } from './logger.js';
