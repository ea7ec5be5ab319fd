import type { AnomalyEvent } from './anomaly-event.js';
import type { ModelState } from './model-state.js';
import type { ModelSnapshot } from './monitor-types.js';

/** Clock and alert state of the monitor that a snapshot needs. */
export interface SnapshotContext {
  /** Start of the open interval, in ms since the epoch. */
  intervalStart: number;
  /** Latest event time, in ms since the epoch. */
  eventTime: number;
  /** Length of one interval in ms. */
  intervalMs: number;
  /** Anomalies firing right now, of every model. */
  active: AnomalyEvent[];
}

/** Builds the sliding-window aggregates of one model. */
export function buildModelSnapshot(
  model: string,
  state: ModelState,
  context: SnapshotContext,
): ModelSnapshot {
  const totals = state.window.totals();
  const start =
    context.intervalStart - state.window.closedIntervals * context.intervalMs;
  const end = Math.max(context.eventTime, start + 1);
  const seconds = (end - start) / 1000;
  const resources: Record<string, number> = {};
  for (const [name, resource] of state.resources) {
    resources[name] = resource.last;
  }

  return {
    model,
    windowStartMs: start,
    windowEndMs: end,
    requests: totals.requests,
    errors: totals.errors,
    errorRate:
      totals.requests > 0 ? totals.errors / totals.requests : Number.NaN,
    throughputPerSecond: totals.requests / seconds,
    tokensPerSecond: totals.tokens / seconds,
    latencySeconds: totals.latency,
    resources,
    anomalies: context.active.filter((event) => event.model === model),
  };
}
