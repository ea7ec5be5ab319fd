/** Version of the @mm-orch/tracing package. */
export const VERSION = '0.1.0';
