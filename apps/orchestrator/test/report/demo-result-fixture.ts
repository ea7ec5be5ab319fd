import type { DemoResult } from '../../src/demo/demo-result.js';
import type { TimelinePoint } from '../../src/replay/replay-stats.js';

function timeline(seconds: number, slowFrom: number): TimelinePoint[] {
  return Array.from({ length: seconds }, (_, second) => ({
    startMs: second * 1_000,
    p50Ms: second >= slowFrom ? 90 : 30,
    p95Ms: second >= slowFrom ? 240 : 80,
    p99Ms: second === 3 ? Number.NaN : 120,
    throughput: 100 + second,
    errorRate: second === 5 ? 0.02 : 0,
  }));
}

/** A small demo result with an incident, one detection and one false alarm. */
export function demoResultFixture(): DemoResult {
  return {
    startedAt: '2026-01-01T00:00:00.000Z',
    speed: 60,
    elapsedMs: 10_000,
    traces: [
      { model: 'conv', file: 'conv.csv', requests: 1_000 },
      { model: 'code', file: 'code.csv', requests: 500 },
    ],
    incident: {
      name: 'slowdown',
      description: 'code model 3x slower',
      model: 'code',
      startMs: 4_000,
      endMs: 6_500,
    },
    summaries: ['conv', 'code'].map((model) => ({
      model,
      requests: 1_000,
      completed: 990,
      rejected: 4,
      errors: 6,
      dropped: 0,
      throughput: 99,
      p50Ms: 30,
      p95Ms: 80,
      p99Ms: 120,
      ttftP50Ms: 12,
      cacheHitRate: 0.25,
    })),
    timelines: { conv: timeline(10, 99), code: timeline(10, 4) },
    anomalies: [
      {
        atMs: 5_000,
        model: 'code',
        signal: 'latency',
        severity: 'critical',
        reason: 'above band <script>',
        delayMs: 1_000,
        falseAlarm: false,
      },
      {
        atMs: 8_000,
        model: 'conv',
        signal: 'throughput',
        severity: 'warning',
        reason: 'throughput surge',
        falseAlarm: true,
      },
    ],
    alerts: [
      {
        atMs: 5_500,
        destination: 'memory',
        name: 'InferenceLatencyAnomaly',
        status: 'firing',
        model: 'code',
      },
    ],
    alertsByDestination: { memory: 1, 'alert-log': 1 },
    metricsUrl: 'http://127.0.0.1:9464/metrics',
    statusUrl: 'http://127.0.0.1:8080/status',
  };
}
