import { describe, expect, it } from 'vitest';
import {
  classifyAnomalies,
  type ObservedAnomaly,
} from '../../src/demo/classify-anomalies.js';

const INCIDENT = {
  model: 'code',
  startMs: 10_000,
  endMs: 18_000,
  processWide: false,
};

function anomaly(atMs: number, model = 'code'): ObservedAnomaly {
  return {
    atMs,
    model,
    signal: 'latency',
    severity: 'critical',
    reason: 'above band',
  };
}

describe('classifyAnomalies', () => {
  it('measures the detection delay', () => {
    const [result] = classifyAnomalies([anomaly(12_500)], INCIDENT);
    expect(result).toMatchObject({ falseAlarm: false, delayMs: 2_500 });
  });

  it('accepts a late detection', () => {
    // A quarter of the 8 s incident after its end still counts.
    const [result] = classifyAnomalies([anomaly(19_900)], INCIDENT);
    expect(result!.falseAlarm).toBe(false);
  });

  it.each([
    ['before the incident', anomaly(9_999)],
    ['long after the incident', anomaly(20_001)],
    ['on another model', anomaly(12_000, 'conv')],
    ['on the process', anomaly(12_000, '*')],
  ])('flags an anomaly %s', (_case, observed) => {
    const [result] = classifyAnomalies([observed], INCIDENT);
    expect(result!.falseAlarm).toBe(true);
  });

  it('accepts process anomalies of a leak', () => {
    const leak = { ...INCIDENT, processWide: true };
    const [result] = classifyAnomalies([anomaly(12_000, '*')], leak);
    expect(result!.falseAlarm).toBe(false);
  });

  it('drops the shared model name', () => {
    const [result] = classifyAnomalies([anomaly(1_000, '*')], undefined);
    expect(result!.model).toBeUndefined();
  });

  it('flags everything without an incident', () => {
    const results = classifyAnomalies([anomaly(12_000)], undefined);
    expect(results.map((r) => r.falseAlarm)).toEqual([true]);
  });
});
