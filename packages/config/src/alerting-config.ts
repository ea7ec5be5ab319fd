import { z } from 'zod';

/** Options of `AlertRouter` from `@mm-orch/alerts`. */
export const AlertingConfig = z
  .object({
    /** Whether alerting are recorded at all. @default true */
    enabled: z.boolean().default(true),
  })
  .strict();

/** What a user may pass to `AlertingConfig`. */
export type AlertingConfigInput = z.input<typeof AlertingConfig>;
/** Alerting options after defaults are applied. */
export type AlertingConfigOutput = z.output<typeof AlertingConfig>;
