import { z } from 'zod';
import { AlertingConfig } from './alerting-config.js';
import { AnomalyConfig } from './anomaly-config.js';
import { MetricsConfig } from './metrics-config.js';
import { TracingConfig } from './tracing-config.js';

/** Configuration of the example orchestrator app and its monitoring. */
export const OrchestratorConfig = z
  .object({
    metrics: MetricsConfig.prefault({}),
    tracing: TracingConfig.prefault({}),
    anomaly: AnomalyConfig.prefault({}),
    alerting: AlertingConfig.prefault({}),
  })
  .strict();

/** What a user may pass to `OrchestratorConfig`. */
export type OrchestratorConfigInput = z.input<typeof OrchestratorConfig>;
/** Orchestrator options after defaults are applied. */
export type OrchestratorConfigOutput = z.output<typeof OrchestratorConfig>;
