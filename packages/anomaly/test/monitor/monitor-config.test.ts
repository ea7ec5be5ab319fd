import { AnomalyConfig, parseConfig } from '@mm-orch/config';
import { describe, expect, test } from 'vitest';
import { PerformanceMonitor } from '../../src/index.js';
import { collect, INTERVAL_MS, T0 } from '../helpers/traffic.js';

describe('partial signal settings', () => {
  test('throughput keeps its algorithm', () => {
    const config = parseConfig(AnomalyConfig, { throughput: { warmUp: 3 } });
    expect(config.throughput.algorithm).toBe('throughput');
  });

  test('error rate keeps its algorithm', () => {
    const config = parseConfig(AnomalyConfig, { errorRate: { warmUp: 3 } });
    expect(config.errorRate.algorithm).toBe('error-rate');
  });

  test('an explicit algorithm wins', () => {
    const config = parseConfig(AnomalyConfig, {
      throughput: { algorithm: 'ewma' },
    });
    expect(config.throughput.algorithm).toBe('ewma');
  });
});

describe('disabled resource', () => {
  const gates = { fireAfter: '20s', clearAfter: '30s', coolDown: '0s' };

  function rampEvents(enabled: boolean) {
    const monitor = new PerformanceMonitor({
      timer: false,
      interval: INTERVAL_MS,
      frozenIntervals: 10,
      resources: { memory: { ...gates, enabled, capacity: 1000 } },
    });
    const events = collect(monitor);
    for (let i = 0; i < 100; i += 1) {
      const value = i < 80 ? 500 + 5 * i : 900;
      monitor.recordResource({
        resource: 'memory',
        value,
        timestamp: T0 + i * INTERVAL_MS,
      });
    }
    return events.map((event) => event.signal);
  }

  test('an enabled ramp fires', () => {
    expect(rampEvents(true)).toContain('resourceExhaustion');
  });

  test('a disabled ramp stays quiet', () => {
    expect(rampEvents(false)).toEqual([]);
  });
});
