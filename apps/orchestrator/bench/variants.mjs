// Monitoring settings of each benchmark variant, by name.

export const VARIANTS = {
  'monitoring off': {
    metrics: { enabled: false },
    tracing: { enabled: false },
    anomaly: { enabled: false },
    alerting: { enabled: false },
    resources: { enabled: false },
  },
  'monitoring on (defaults)': {},
  'monitoring on, every request traced': { tracing: { samplerRatio: 1 } },
};

/**
 * Variants that export spans with OTLP over HTTP to the collector at
 * `collectorUrl`, run when bench.mjs gets `--otlp`. They differ from the
 * variants above only in the exporter.
 */
export function otlpVariants(collectorUrl) {
  const exporter = { type: 'otlp-http', url: collectorUrl };
  return {
    'defaults, spans to OTLP': { tracing: { exporter } },
    'every request traced, spans to OTLP': {
      tracing: { samplerRatio: 1, exporter },
    },
  };
}
