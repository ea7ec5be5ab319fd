import { readFileSync } from 'node:fs';
import { PerformanceMonitor } from '@mm-orch/anomaly';
import { it } from 'vitest';
import { demoConfig } from '../../src/demo/demo-config.js';

it('offline', () => {
  const raw = JSON.parse(readFileSync('/tmp/mmorch-demo/raw.json', 'utf8')) as [
    string,
    number,
    number,
    string,
  ][];
  raw.sort((a, b) => a[1] - b[1]);
  const cfg = {
    ...demoConfig({
      speed: 60,
      reportDir: '/tmp',
      models: { conv: 'conv', code: 'code' },
      baselineRssBytes: 3e8,
    }).anomaly!,
    ...JSON.parse(process.env.OVR ?? '{}'),
  };
  const base = 1_700_000_000_000;
  const mon = new PerformanceMonitor({
    ...cfg,
    timer: false,
    clock: () => base,
  });
  mon.subscribe(
    (e) =>
      e.status === 'firing' &&
      console.log(
        'EV',
        ((e.startedAt - base) / 60000).toFixed(1),
        e.signal,
        e.model,
        e.reason,
        e.observed.toFixed(3),
        e.expected.toFixed(3),
        e.upper.toFixed(3),
      ),
  );
  // per-interval p95 of code for a look
  const per: Record<number, number[]> = {};
  for (const [model, endMs, lat, outcome] of raw) {
    if (outcome === 'dropped' || outcome === 'cancelled') continue;
    mon.recordInference({
      model,
      latencySeconds: Math.max(lat, 0) / 1000,
      ok: outcome === 'ok',
      timestamp: base + endMs * 60,
    });
    if (model === 'code' && outcome === 'ok')
      (per[Math.floor((endMs * 60) / 30000)] ??= []).push(lat);
  }
  if (process.env.SHOW)
    console.log(
      Object.entries(per)
        .map(([k, v]) => {
          v.sort((a, b) => a - b);
          return `${k}:${v.length}:${v[Math.floor(v.length * 0.95)]!.toFixed(0)}`;
        })
        .join(' '),
    );
});
