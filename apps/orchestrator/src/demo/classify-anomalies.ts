import type { DemoAnomaly } from './demo-result.js';

/** An anomaly as it was observed, before it is judged against the incident. */
export interface ObservedAnomaly {
  /** When the event arrived, in wall ms since the demo began. */
  atMs: number;
  /** Model of the signal, or `'*'` for a process-wide resource. */
  model: string;
  /** Watched signal. */
  signal: string;
  /** Severity the monitor assigned. */
  severity: string;
  /** Short explanation from the detector. */
  reason: string;
}

/** The incident that anomalies are judged against. */
export interface IncidentScope {
  /** Model that got the fault. */
  model: string;
  /** Start of the fault, wall ms since the demo began. */
  startMs: number;
  /** End of the fault, wall ms since the demo began. */
  endMs: number;
  /**
   * Whether a process-wide resource anomaly (model `'*'`) counts as a
   * detection, as it does for a memory leak.
   */
  processWide: boolean;
}

/** Share of the incident's length after its end that still counts as detection. */
const LATE_SHARE = 0.25;

/**
 * Judges each anomaly against the incident. An anomaly is a detection when
 * it fires between the incident start and its end plus a quarter of its
 * length (hysteresis delays events by design), and concerns the faulty
 * model, or a process-wide resource when the incident is process-wide.
 * Every other anomaly is a false alarm.
 */
export function classifyAnomalies(
  anomalies: readonly ObservedAnomaly[],
  incident: IncidentScope | undefined,
): DemoAnomaly[] {
  return anomalies.map((anomaly) => {
    const model = anomaly.model === '*' ? undefined : anomaly.model;
    const base = {
      atMs: anomaly.atMs,
      ...(model === undefined ? {} : { model }),
      signal: anomaly.signal,
      severity: anomaly.severity,
      reason: anomaly.reason,
    };
    if (!incident || !isDetection(anomaly, incident)) {
      return { ...base, falseAlarm: true };
    }
    return {
      ...base,
      delayMs: anomaly.atMs - incident.startMs,
      falseAlarm: false,
    };
  });
}

function isDetection(
  anomaly: ObservedAnomaly,
  incident: IncidentScope,
): boolean {
  const lateMs = (incident.endMs - incident.startMs) * LATE_SHARE;
  const inWindow =
    anomaly.atMs >= incident.startMs && anomaly.atMs <= incident.endMs + lateMs;
  const onModel =
    anomaly.model === incident.model ||
    (anomaly.model === '*' && incident.processWide);
  return inWindow && onModel;
}
