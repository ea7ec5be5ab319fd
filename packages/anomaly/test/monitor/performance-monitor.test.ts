import { ConfigError } from '@mm-orch/config';
import { afterEach, describe, expect, test, vi } from 'vitest';
import {
  PerformanceMonitor,
  type PerformanceMonitorOptions,
} from '../../src/index.js';
import {
  around,
  collect,
  INTERVAL_MS,
  sendTraffic,
  T0,
} from '../helpers/traffic.js';

const quickGates = {
  fireAfter: '20s',
  clearAfter: '30s',
  coolDown: '0s',
};

function createMonitor(
  options: PerformanceMonitorOptions = {},
): PerformanceMonitor {
  return new PerformanceMonitor({
    timer: false,
    interval: INTERVAL_MS,
    latency: quickGates,
    errorRate: { ...quickGates, algorithm: 'error-rate' },
    throughput: { ...quickGates, algorithm: 'throughput' },
    ...options,
  });
}

const steady = { requests: 20, latencySeconds: around(0.1) };

describe('PerformanceMonitor latency', () => {
  test('fires on slow requests', () => {
    const monitor = createMonitor();
    const events = collect(monitor);
    let next = sendTraffic(monitor, 'llama', 0, 60, steady);
    next = sendTraffic(monitor, 'llama', next, 10, {
      requests: 20,
      latencySeconds: around(1),
    });
    monitor.tick(T0 + next * INTERVAL_MS);
    const fired = events.find((event) => event.signal === 'latency');
    expect(fired?.status).toBe('firing');
    expect(fired?.model).toBe('llama');
    expect(fired?.observed).toBeGreaterThan(0.9);
  });

  test('resolves when latency recovers', () => {
    const monitor = createMonitor();
    const events = collect(monitor);
    let next = sendTraffic(monitor, 'llama', 0, 60, steady);
    next = sendTraffic(monitor, 'llama', next, 5, {
      requests: 20,
      latencySeconds: around(1),
    });
    next = sendTraffic(monitor, 'llama', next, 30, steady);
    monitor.tick(T0 + next * INTERVAL_MS);
    const latency = events.filter((event) => event.signal === 'latency');
    expect(latency.map((event) => event.status)).toEqual([
      'firing',
      'resolved',
    ]);
    expect(latency[1]!.resolvedAt).toBeGreaterThan(latency[1]!.startedAt);
  });

  test('accepts a model that is always slow', () => {
    const monitor = createMonitor();
    const events = collect(monitor);
    sendTraffic(monitor, 'fast', 0, 100, steady);
    sendTraffic(monitor, 'slow', 0, 100, {
      requests: 20,
      latencySeconds: around(2),
    });
    monitor.tick(T0 + 101 * INTERVAL_MS);
    expect(events.filter((event) => event.model === 'slow')).toEqual([]);
  });

  test('follows a new normal latency', () => {
    const monitor = createMonitor();
    const events = collect(monitor);
    const next = sendTraffic(monitor, 'llama', 0, 60, steady);
    sendTraffic(monitor, 'llama', next, 200, {
      requests: 20,
      latencySeconds: around(0.3),
    });
    const latency = events.filter((event) => event.signal === 'latency');
    expect(latency[0]?.status).toBe('firing');
    expect(latency.at(-1)?.status).toBe('resolved');
    expect(monitor.getActiveAnomalies()).toEqual([]);
  });
});

describe('PerformanceMonitor error rate', () => {
  test('fires on a burst of errors', () => {
    const monitor = createMonitor();
    const events = collect(monitor);
    let next = sendTraffic(monitor, 'llama', 0, 60, {
      ...steady,
      failed: (i) => i % 100 === 0,
    });
    next = sendTraffic(monitor, 'llama', next, 6, {
      ...steady,
      failed: (i) => i % 3 === 0,
    });
    monitor.tick(T0 + next * INTERVAL_MS);
    const fired = events.find((event) => event.signal === 'errorRate');
    expect(fired?.status).toBe('firing');
    expect(fired?.observed).toBeGreaterThan(0.25);
  });
});

describe('PerformanceMonitor error rate baseline', () => {
  const failing = { ...steady, failed: (i: number) => i % 3 === 0 };

  function riseOfErrors(options: PerformanceMonitorOptions) {
    const monitor = createMonitor(options);
    const events = collect(monitor);
    let next = sendTraffic(monitor, 'llama', 0, 60, {
      ...steady,
      failed: (i) => i % 100 === 0,
    });
    next = sendTraffic(monitor, 'llama', next, 300, failing);
    monitor.tick(T0 + next * INTERVAL_MS);
    return events.filter((event) => event.signal === 'errorRate');
  }

  test('keeps a lasting rise firing', () => {
    const events = riseOfErrors({});
    expect(events.map((event) => event.status)).toEqual(['firing']);
  });

  test('accepts a new normal rate', () => {
    const events = riseOfErrors({
      errorRate: { ...quickGates, algorithm: 'error-rate', acceptAfter: '5m' },
    });
    expect(events.map((event) => event.status)).toEqual(['firing', 'resolved']);
  });
});

describe('PerformanceMonitor throughput', () => {
  test('fires on a drop', () => {
    const monitor = createMonitor();
    const events = collect(monitor);
    let next = sendTraffic(monitor, 'llama', 0, 60, {
      ...steady,
      requests: 50,
    });
    next = sendTraffic(monitor, 'llama', next, 6, { ...steady, requests: 5 });
    monitor.tick(T0 + next * INTERVAL_MS);
    const fired = events.find((event) => event.signal === 'throughput');
    expect(fired?.reason).toBe('throughput drop');
    expect(fired?.expected).toBeCloseTo(5, 0);
  });

  test('reports silence as no data', () => {
    const monitor = createMonitor();
    const events = collect(monitor);
    const next = sendTraffic(monitor, 'llama', 0, 40, steady);
    monitor.tick(T0 + (next + 4) * INTERVAL_MS);
    expect(events.some((event) => event.signal === 'noData')).toBe(true);
  });

  test('ignores silence after sparse traffic', () => {
    const monitor = createMonitor();
    const events = collect(monitor);
    const next = sendTraffic(monitor, 'llama', 0, 2, {
      ...steady,
      requests: 1,
    });
    monitor.tick(T0 + (next + 6) * INTERVAL_MS);
    expect(events.filter((event) => event.signal === 'noData')).toEqual([]);
  });

  test('reports the usual rate on silence', () => {
    const monitor = createMonitor();
    const events = collect(monitor);
    const next = sendTraffic(monitor, 'llama', 0, 40, steady);
    monitor.tick(T0 + (next + 4) * INTERVAL_MS);
    const fired = events.find((event) => event.signal === 'noData');
    expect(fired?.expected).toBeCloseTo(20 / (INTERVAL_MS / 1000), 5);
  });
});

describe('PerformanceMonitor resources', () => {
  function sample(
    monitor: PerformanceMonitor,
    resource: string,
    values: number[],
    first = 0,
  ) {
    values.forEach((value, i) => {
      monitor.recordResource({
        resource,
        value,
        timestamp: T0 + (first + i) * INTERVAL_MS,
      });
    });
  }
  const wiggle = (center: number, count: number) =>
    Array.from({ length: count }, (_, i) => center + 2 * Math.sin(i * 1.3));

  test('fires on a CPU spike', () => {
    const monitor = createMonitor({ defaultResource: quickGates });
    const events = collect(monitor);
    sample(monitor, 'cpu', [...wiggle(50, 100), ...new Array(10).fill(95)]);
    const fired = events.find((event) => event.signal === 'resource');
    expect(fired?.resource).toBe('cpu');
    expect(fired?.model).toBe('*');
  });

  test('projects memory exhaustion', () => {
    const monitor = createMonitor({
      resources: { memory: { ...quickGates, capacity: 1000 } },
    });
    const events = collect(monitor);
    const ramp = Array.from({ length: 100 }, (_, i) => 500 + 5 * i);
    sample(monitor, 'memory', ramp);
    const fired = events.find((event) => event.signal === 'resourceExhaustion');
    expect(fired?.timeToExhaustionMs).toBeGreaterThan(0);
  });

  test('flags a frozen gauge', () => {
    const monitor = createMonitor({ frozenIntervals: 10 });
    const events = collect(monitor);
    sample(monitor, 'gpu', [...wiggle(70, 50), ...new Array(12).fill(71)]);
    expect(events.some((event) => event.signal === 'staleResource')).toBe(true);
  });
});

describe('PerformanceMonitor snapshots', () => {
  test('reports latency quantiles', () => {
    const monitor = createMonitor();
    sendTraffic(monitor, 'llama', 0, 1, {
      requests: 100,
      latencySeconds: (i) => (i + 1) / 100,
    });
    const latency = monitor.getSnapshot('llama')!.latencySeconds;
    expect(latency.p50).toBeCloseTo(0.5, 1);
    expect(Math.abs(latency.p95 / 0.95 - 1)).toBeLessThan(0.02);
    expect(Math.abs(latency.p99 / 0.99 - 1)).toBeLessThan(0.02);
  });

  test('reports error rate and throughput', () => {
    const monitor = createMonitor({ windowIntervals: 6 });
    sendTraffic(monitor, 'llama', 0, 6, {
      ...steady,
      failed: (i) => i % 4 === 0,
    });
    monitor.tick(T0 + 6 * INTERVAL_MS);
    const snapshot = monitor.getSnapshot('llama')!;
    expect(snapshot.errorRate).toBeCloseTo(0.25, 5);
    expect(snapshot.throughputPerSecond).toBeCloseTo(2, 1);
  });

  test('returns undefined for unknown models', () => {
    expect(createMonitor().getSnapshot('nope')).toBeUndefined();
  });
});

describe('PerformanceMonitor status', () => {
  test('counts invalid records', () => {
    const monitor = createMonitor();
    monitor.recordInference({ model: '', latencySeconds: 1 });
    monitor.recordInference({ model: 'x', latencySeconds: Number.NaN });
    monitor.recordResource({ resource: 'cpu', value: Number.NaN });
    const status = monitor.getStatus();
    expect(status.counts.invalid).toBe(3);
    expect(status.degraded).toBe(true);
    expect(status.degradationReason).toContain('3 invalid records dropped');
  });

  test('survives a throwing listener', () => {
    const monitor = createMonitor();
    monitor.subscribe(() => {
      throw new Error('listener bug');
    });
    const events = collect(monitor);
    const next = sendTraffic(monitor, 'llama', 0, 40, steady);
    monitor.tick(T0 + (next + 4) * INTERVAL_MS);
    expect(events.length).toBeGreaterThan(0);
    expect(monitor.getStatus().counts.listenerErrors).toBe(events.length);
  });

  test('stops after unsubscribe', () => {
    const monitor = createMonitor();
    const events: unknown[] = [];
    const unsubscribe = monitor.subscribe((event) => events.push(event));
    unsubscribe();
    const next = sendTraffic(monitor, 'llama', 0, 40, steady);
    monitor.tick(T0 + (next + 4) * INTERVAL_MS);
    expect(events).toEqual([]);
  });

  test('drops models over the limit', () => {
    const monitor = createMonitor({ maxModels: 1 });
    monitor.recordInference({ model: 'a', latencySeconds: 1, timestamp: T0 });
    monitor.recordInference({ model: 'b', latencySeconds: 1, timestamp: T0 });
    expect(monitor.getStatus().counts.overModelLimit).toBe(1);
  });

  test('skips a long gap in bounded steps', () => {
    const monitor = createMonitor({ windowIntervals: 6 });
    sendTraffic(monitor, 'llama', 0, 1, steady);
    monitor.tick(T0 + 1_000_000 * INTERVAL_MS);
    const status = monitor.getStatus();
    expect(status.intervalsClosed).toBe(7);
    expect(status.counts.skippedIntervals).toBe(1_000_000 - 7);
  });

  test('counts late records', () => {
    const monitor = createMonitor();
    sendTraffic(monitor, 'llama', 0, 3, steady);
    monitor.recordInference({
      model: 'llama',
      latencySeconds: 0.1,
      timestamp: T0,
    });
    expect(monitor.getStatus().counts.late).toBe(1);
    expect(monitor.getSnapshot('llama')!.requests).toBe(61);
  });

  test('counts late resource samples', () => {
    const monitor = createMonitor();
    sendTraffic(monitor, 'llama', 0, 3, steady);
    monitor.recordResource({ resource: 'cpu', value: 50, timestamp: T0 });
    expect(monitor.getStatus().counts.late).toBe(1);
  });

  test('drops resources over the limit', () => {
    const monitor = createMonitor({ maxResourcesPerModel: 2 });
    for (const resource of ['cpu', 'memory', 'gpu', 'disk']) {
      monitor.recordResource({ resource, value: 1, timestamp: T0 });
    }
    const status = monitor.getStatus();
    expect(status.counts.overResourceLimit).toBe(2);
    expect(status.degradationReason).toContain('limit of 2 resources');
  });

  test('limits resources per model', () => {
    const monitor = createMonitor({ maxResourcesPerModel: 1 });
    for (const model of ['a', 'b']) {
      for (const resource of ['cpu', 'gpu']) {
        monitor.recordResource({ resource, value: 1, model, timestamp: T0 });
      }
    }
    expect(monitor.getStatus().counts.overResourceLimit).toBe(2);
    expect(monitor.getSnapshot('a')!.resources).toEqual({ cpu: 1 });
  });

  test('does nothing when disabled', () => {
    const monitor = createMonitor({ enabled: false });
    const events = collect(monitor);
    sendTraffic(monitor, 'llama', 0, 40, steady);
    monitor.tick(T0 + 50 * INTERVAL_MS);
    expect(events).toEqual([]);
    expect(monitor.getStatus().counts.inferences).toBe(800);
  });

  test('rejects invalid options', () => {
    expect(() => new PerformanceMonitor({ interval: 'soon' })).toThrow(
      ConfigError,
    );
  });
});

describe('PerformanceMonitor timer', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  test('closes intervals on its own', () => {
    vi.useFakeTimers({ now: T0 });
    const monitor = new PerformanceMonitor({ interval: '1s' });
    monitor.recordInference({ model: 'llama', latencySeconds: 0.1 });
    vi.advanceTimersByTime(5_000);
    expect(monitor.getStatus().intervalsClosed).toBe(5);
    monitor.close();
  });

  test('stops when closed', () => {
    vi.useFakeTimers({ now: T0 });
    const monitor = new PerformanceMonitor({ interval: '1s' });
    monitor.recordInference({ model: 'llama', latencySeconds: 0.1 });
    monitor.close();
    vi.advanceTimersByTime(5_000);
    expect(monitor.getStatus().intervalsClosed).toBe(0);
  });
});
