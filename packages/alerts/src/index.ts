/** Version of the @mm-orch/alerts package. */
export const VERSION = '0.1.0';
