import { z } from 'zod';

/** Options of `OTelTracer` from `@mm-orch/tracing`. */
export const TracingConfig = z
  .object({
    /** Whether tracing are recorded at all. @default true */
    enabled: z.boolean().default(true),
  })
  .strict();

/** What a user may pass to `TracingConfig`. */
export type TracingConfigInput = z.input<typeof TracingConfig>;
/** Tracing options after defaults are applied. */
export type TracingConfigOutput = z.output<typeof TracingConfig>;
