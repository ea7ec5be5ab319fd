import { z } from 'zod';

/** Options of `PerformanceMonitor` from `@mm-orch/anomaly`. */
export const AnomalyConfig = z
  .object({
    /** Whether anomaly are recorded at all. @default true */
    enabled: z.boolean().default(true),
  })
  .strict();

/** What a user may pass to `AnomalyConfig`. */
export type AnomalyConfigInput = z.input<typeof AnomalyConfig>;
/** Anomaly options after defaults are applied. */
export type AnomalyConfigOutput = z.output<typeof AnomalyConfig>;
