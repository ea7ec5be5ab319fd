import type { AnomalyEvent, PerformanceMonitor } from '../../src/index.js';

/** Interval of the monitors in these tests: 10 seconds. */
export const INTERVAL_MS = 10_000;
/** Start of the simulated traffic, aligned to an interval. */
export const T0 = Date.UTC(2024, 0, 1);

/** Shape of the traffic of one interval. */
export interface IntervalTraffic {
  requests: number;
  latencySeconds: (index: number) => number;
  failed?: (index: number) => boolean;
}

/**
 * Sends `intervals` intervals of traffic for `model`, starting at interval
 * number `first`, and returns the number of the next interval.
 */
export function sendTraffic(
  monitor: PerformanceMonitor,
  model: string,
  first: number,
  intervals: number,
  traffic: IntervalTraffic,
): number {
  let sent = 0;
  for (let k = first; k < first + intervals; k += 1) {
    for (let j = 0; j < traffic.requests; j += 1) {
      monitor.recordInference({
        model,
        latencySeconds: traffic.latencySeconds(sent),
        ok: !(traffic.failed?.(sent) ?? false),
        outputTokens: 10,
        timestamp: T0 + k * INTERVAL_MS + (j * INTERVAL_MS) / traffic.requests,
      });
      sent += 1;
    }
  }
  return first + intervals;
}

/** Subscribes and collects every event. */
export function collect(monitor: PerformanceMonitor): AnomalyEvent[] {
  const events: AnomalyEvent[] = [];
  monitor.subscribe((event) => events.push(event));
  return events;
}

/** Latency around `center` seconds with a deterministic ±5% wiggle. */
export function around(center: number): (index: number) => number {
  return (index) => center * (1 + 0.05 * Math.sin(index * 1.7));
}
