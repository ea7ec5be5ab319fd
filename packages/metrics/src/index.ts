/** Version of the @mm-orch/metrics package. */
export const VERSION = '0.1.0';
