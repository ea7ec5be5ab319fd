import { describe, expect, it } from 'vitest';
import { planDemo } from '../../src/demo/demo-plan.js';
import { INCIDENTS } from '../../src/demo/incidents.js';
import type { Trace } from '../../src/replay/parse-trace.js';

function trace(firstMs: number, offsets: number[]): Trace {
  return {
    firstMs,
    requests: offsets.map((offsetMs) => ({
      offsetMs,
      inputTokens: 1,
      outputTokens: 1,
    })),
  };
}

const TRACES = [
  { model: 'conv', file: 'conv.csv', trace: trace(0, [0, 60_000, 120_000]) },
  { model: 'code', file: 'code.csv', trace: trace(30_000, [0, 90_000]) },
];

describe('planDemo', () => {
  it('aligns traces on their timestamps', () => {
    const plan = planDemo({ traces: TRACES, speed: 60, incident: undefined });
    expect(plan.workloads[1]!.requests.map((r) => r.offsetMs)).toEqual([
      30_000, 120_000,
    ]);
  });

  it('scales the wall time by speed', () => {
    const plan = planDemo({ traces: TRACES, speed: 60, incident: undefined });
    expect(plan.wallMs).toBe(2_000);
  });

  it('cuts the traces at the duration', () => {
    const plan = planDemo({
      traces: TRACES,
      speed: 60,
      durationMs: 1_000,
      incident: undefined,
    });
    expect(plan.workloads.map((w) => w.requests.length)).toEqual([1, 1]);
  });

  it('skips the start of the traces', () => {
    const plan = planDemo({
      traces: TRACES,
      speed: 60,
      fromMs: 60_000,
      incident: undefined,
    });
    expect(plan.workloads[0]!.requests.map((r) => r.offsetMs)).toEqual([
      0, 60_000,
    ]);
  });

  it('places the incident mid-run', () => {
    const plan = planDemo({
      traces: TRACES,
      speed: 60,
      incident: INCIDENTS.slowdown,
    });
    expect(plan.incidentWindow).toEqual({ startMs: 800, endMs: 1_300 });
  });

  it('plans no window without an incident', () => {
    const plan = planDemo({ traces: TRACES, speed: 60, incident: undefined });
    expect(plan.incidentWindow).toBeUndefined();
  });
});
