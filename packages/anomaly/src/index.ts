/** Version of the @mm-orch/anomaly package. */
export const VERSION = '0.1.0';
