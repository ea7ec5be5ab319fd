import type { AlertInput } from '@mm-orch/alerts';
import type { AnomalyEvent } from '@mm-orch/anomaly';

const ALERT_NAMES: Record<AnomalyEvent['signal'], string> = {
  latency: 'InferenceLatencyAnomaly',
  errorRate: 'InferenceErrorRateAnomaly',
  throughput: 'InferenceThroughputAnomaly',
  noData: 'InferenceNoTraffic',
  resource: 'ResourceAnomaly',
  resourceExhaustion: 'ResourceExhaustion',
  staleResource: 'ResourceStale',
};

function format(value: number): string {
  return Number.isFinite(value)
    ? Number(value.toPrecision(4)).toString()
    : String(value);
}

/** Builds the alert that an anomaly event raises or resolves. */
export function anomalyAlert(event: AnomalyEvent): AlertInput {
  const labels: Record<string, string> = {
    model: event.model,
    signal: event.signal,
  };
  if (event.resource !== undefined) {
    labels.resource = event.resource;
  }
  const subject = event.resource ?? event.signal;

  const alert: AlertInput = {
    name: ALERT_NAMES[event.signal] ?? 'InferenceAnomaly',
    labels,
    annotations: {
      summary: `${subject} of model ${event.model}: ${event.reason}`,
      description: `observed ${format(event.observed)}, expected ${format(event.expected)} (normal band ${format(event.lower)} to ${format(event.upper)}), score ${format(event.score)}`,
      anomalyId: event.id,
    },
    severity: event.severity,
    status: event.status,
    startsAt: event.startedAt,
  };
  if (event.status === 'resolved' && event.resolvedAt !== undefined) {
    alert.endsAt = event.resolvedAt;
  }
  return alert;
}
