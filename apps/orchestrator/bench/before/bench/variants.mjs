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
