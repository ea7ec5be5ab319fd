import { z } from 'zod';

/** Options of `PrometheusExporter` from `@mm-orch/metrics`. */
export const MetricsConfig = z
  .object({
    /** Whether metrics are recorded at all. @default true */
    enabled: z.boolean().default(true),
  })
  .strict();

/** What a user may pass to `MetricsConfig`. */
export type MetricsConfigInput = z.input<typeof MetricsConfig>;
/** Metrics options after defaults are applied. */
export type MetricsConfigOutput = z.output<typeof MetricsConfig>;
