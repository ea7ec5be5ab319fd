import type { ModelSummary, TimelinePoint } from '../replay/replay-stats.js';

/** The injected incident of a demo run and when it was active. */
export interface IncidentWindow {
  /** Incident name, such as `slowdown`. */
  name: string;
  /** One-line description of the fault. */
  description: string;
  /** Model the fault was injected into. */
  model: string;
  /** When the fault was switched on, in ms since the demo began. */
  startMs: number;
  /** When the fault was switched off, in ms since the demo began. */
  endMs: number;
}

/** One anomaly the performance monitor raised during a demo run. */
export interface DemoAnomaly {
  /** When the monitor emitted the event, in ms since the demo began. */
  atMs: number;
  /** Model of the signal, when the signal belongs to one. */
  model?: string;
  /** Watched signal, such as `latency` or `errorRate`. */
  signal: string;
  /** Severity the monitor assigned. */
  severity: string;
  /** Short explanation from the detector. */
  reason: string;
  /** Time from the incident start to this event, for a detection. */
  delayMs?: number;
  /** Whether the event lies outside the incident or concerns another model. */
  falseAlarm: boolean;
}

/** One notification that an alert destination accepted. */
export interface DemoAlert {
  /** When it was delivered, in ms since the demo began. */
  atMs: number;
  /** Destination name. */
  destination: string;
  /** Alert name. */
  name: string;
  /** Model named in the alert's labels, if any. */
  model?: string;
  /** `firing` or `resolved`. */
  status: string;
}

/** Everything a demo run measured, for the summary and the HTML report. */
export interface DemoResult {
  /** Wall-clock start of the run, ISO 8601. */
  startedAt: string;
  /** Replay speed-up over the traces' real time. */
  speed: number;
  /** Wall time of the run, in ms. */
  elapsedMs: number;
  /** Traces replayed, one per model. */
  traces: { model: string; file: string; requests: number }[];
  /** Injected incident, or `undefined` for `--incident none`. */
  incident: IncidentWindow | undefined;
  /** Totals per model. */
  summaries: ModelSummary[];
  /** One point per second per model. */
  timelines: Record<string, TimelinePoint[]>;
  /** Every anomaly event, in order. */
  anomalies: DemoAnomaly[];
  /** Every delivered notification, in order. */
  alerts: DemoAlert[];
  /** Delivered notifications per destination. */
  alertsByDestination: Record<string, number>;
  /** Address of the Prometheus metrics endpoint. */
  metricsUrl: string;
  /** Address of the status endpoint. */
  statusUrl: string;
}
