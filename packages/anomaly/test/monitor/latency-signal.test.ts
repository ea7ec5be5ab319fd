import { describe, expect, test } from 'vitest';
import {
  type AnomalyEvent,
  PerformanceMonitor,
  type PerformanceMonitorOptions,
} from '../../src/index.js';
import { around, collect, INTERVAL_MS, T0 } from '../helpers/traffic.js';

const quickGates = { fireAfter: '20s', clearAfter: '30s', coolDown: '0s' };

function createMonitor(
  latency: PerformanceMonitorOptions['latency'],
): PerformanceMonitor {
  return new PerformanceMonitor({
    timer: false,
    interval: INTERVAL_MS,
    latency: { ...quickGates, ...latency },
    errorRate: { enabled: false },
    throughput: { enabled: false },
  });
}

/** One interval of traffic: request `j` has `latency(j)` and `tokens(j)`. */
interface Traffic {
  requests: number;
  latency: (j: number) => number;
  tokens?: (j: number) => number;
}

function send(
  monitor: PerformanceMonitor,
  first: number,
  intervals: number,
  traffic: Traffic,
): number {
  for (let k = first; k < first + intervals; k += 1) {
    for (let j = 0; j < traffic.requests; j += 1) {
      monitor.recordInference({
        model: 'llama',
        latencySeconds: traffic.latency(j),
        ok: true,
        outputTokens: traffic.tokens?.(j) ?? 10,
        timestamp: T0 + k * INTERVAL_MS + (j * INTERVAL_MS) / traffic.requests,
      });
    }
  }
  return first + intervals;
}

function latencyFired(events: AnomalyEvent[]): boolean {
  return events.some(
    (event) => event.signal === 'latency' && event.status === 'firing',
  );
}

const steady: Traffic = { requests: 20, latency: around(0.1) };

describe('latency minSamples', () => {
  test('skips a sparse slow interval', () => {
    const monitor = createMonitor({ minSamples: 5 });
    const events = collect(monitor);
    let next = send(monitor, 0, 60, steady);
    next = send(monitor, next, 10, { requests: 1, latency: () => 5 });
    monitor.tick(T0 + next * INTERVAL_MS);
    expect(latencyFired(events)).toBe(false);
  });

  test('judges a full slow interval', () => {
    const monitor = createMonitor({ minSamples: 5 });
    const events = collect(monitor);
    let next = send(monitor, 0, 60, steady);
    next = send(monitor, next, 10, { requests: 5, latency: () => 5 });
    monitor.tick(T0 + next * INTERVAL_MS);
    expect(latencyFired(events)).toBe(true);
  });
});

describe('latency statistic', () => {
  // Two requests in twenty take 3 s: the p95 rises 30x, the median not.
  const slowTail: Traffic = {
    requests: 20,
    latency: (j) => (j % 10 === 0 ? 3 : around(0.1)(j)),
  };

  test('p95 sees a slow tail', () => {
    const monitor = createMonitor({ statistic: 'p95' });
    const events = collect(monitor);
    let next = send(monitor, 0, 60, steady);
    next = send(monitor, next, 10, slowTail);
    monitor.tick(T0 + next * INTERVAL_MS);
    expect(latencyFired(events)).toBe(true);
  });

  test('p50 ignores a slow tail', () => {
    const monitor = createMonitor({ statistic: 'p50' });
    const events = collect(monitor);
    let next = send(monitor, 0, 60, steady);
    next = send(monitor, next, 10, slowTail);
    monitor.tick(T0 + next * INTERVAL_MS);
    expect(latencyFired(events)).toBe(false);
  });

  test('mean follows a slowdown', () => {
    const monitor = createMonitor({ statistic: 'mean' });
    const events = collect(monitor);
    let next = send(monitor, 0, 60, steady);
    next = send(monitor, next, 10, { requests: 20, latency: around(0.5) });
    monitor.tick(T0 + next * INTERVAL_MS);
    expect(latencyFired(events)).toBe(true);
  });
});

describe('latency per output token', () => {
  // Latency proportional to the output length, 10 ms per token.
  const short: Traffic = {
    requests: 20,
    latency: (j) => 0.01 * 20 * (1 + 0.05 * Math.sin(j)),
    tokens: () => 20,
  };
  const long: Traffic = {
    requests: 20,
    latency: (j) => 0.01 * 200 * (1 + 0.05 * Math.sin(j)),
    tokens: () => 200,
  };

  test('ignores longer responses', () => {
    const monitor = createMonitor({ per: 'outputToken' });
    const events = collect(monitor);
    let next = send(monitor, 0, 60, short);
    next = send(monitor, next, 10, long);
    monitor.tick(T0 + next * INTERVAL_MS);
    expect(latencyFired(events)).toBe(false);
  });

  test('sees a slower model', () => {
    const monitor = createMonitor({ per: 'outputToken' });
    const events = collect(monitor);
    let next = send(monitor, 0, 60, short);
    next = send(monitor, next, 10, {
      ...short,
      latency: (j) => 3 * short.latency(j),
    });
    monitor.tick(T0 + next * INTERVAL_MS);
    expect(latencyFired(events)).toBe(true);
  });

  test('per request sees longer responses', () => {
    const monitor = createMonitor({ per: 'request' });
    const events = collect(monitor);
    let next = send(monitor, 0, 60, short);
    next = send(monitor, next, 10, long);
    monitor.tick(T0 + next * INTERVAL_MS);
    expect(latencyFired(events)).toBe(true);
  });
});
