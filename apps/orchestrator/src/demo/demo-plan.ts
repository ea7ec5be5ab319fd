import type { Trace, TraceRequest } from '../replay/parse-trace.js';
import type { Incident } from './incidents.js';

/** Share of the run before the incident starts. */
const INCIDENT_START_SHARE = 0.4;
/** Share of the run at which the incident ends. */
const INCIDENT_END_SHARE = 0.65;

/** One trace to replay against one model. */
export interface Workload {
  /** Model that receives the requests. */
  model: string;
  /** File name of the trace, for the report. */
  file: string;
  /** Requests, with offsets from the shared origin of all workloads. */
  requests: TraceRequest[];
}

/** Workloads of a demo run and the window of its incident. */
export interface DemoPlan {
  /** Workloads on one clock. */
  workloads: Workload[];
  /** Expected wall time of the replay, in ms. */
  wallMs: number;
  /** Incident window in wall ms from the start, when there is an incident. */
  incidentWindow: { startMs: number; endMs: number } | undefined;
}

/** Inputs of `planDemo`. */
export interface DemoPlanInput {
  /** Traces with their model and file name. */
  traces: { model: string; file: string; trace: Trace }[];
  /** Factor that divides every arrival offset. */
  speed: number;
  /** Wall time to replay, in ms; the traces are cut there. @default the whole traces */
  durationMs?: number;
  /** Trace time to skip at the start, in ms. @default 0 */
  fromMs?: number;
  /** Injected incident, if any. */
  incident: Incident | undefined;
}

/**
 * Puts the traces on one clock, their real timestamps, so services recorded
 * over the same hour overlap as they did. Then skips `fromMs` of trace
 * time, cuts the traces to `durationMs` of wall time at `speed`, and places
 * the incident window from 40% to 65% of the run.
 */
export function planDemo(input: DemoPlanInput): DemoPlan {
  const fromMs = input.fromMs ?? 0;
  const originMs =
    Math.min(...input.traces.map((t) => t.trace.firstMs)) + fromMs;
  const limitMs =
    input.durationMs === undefined
      ? Number.POSITIVE_INFINITY
      : input.durationMs * input.speed;

  const workloads = input.traces.map(({ model, file, trace }) => {
    const shiftMs = trace.firstMs - originMs;
    const requests = trace.requests
      .map((row) => ({ ...row, offsetMs: row.offsetMs + shiftMs }))
      .filter((row) => row.offsetMs >= 0 && row.offsetMs < limitMs);
    return { model, file, requests };
  });

  const lastMs = Math.max(
    ...workloads.map((w) => w.requests.at(-1)?.offsetMs ?? 0),
  );
  const wallMs = Math.min(lastMs, limitMs) / input.speed;
  const incidentWindow = input.incident
    ? {
        startMs: wallMs * INCIDENT_START_SHARE,
        endMs: wallMs * INCIDENT_END_SHARE,
      }
    : undefined;
  return { workloads, wallMs, incidentWindow };
}
