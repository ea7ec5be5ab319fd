import { readFileSync } from 'node:fs';
import { PerformanceMonitor } from '@mm-orch/anomaly';
import { it } from 'vitest';
import { demoConfig } from '../../src/demo/demo-config.js';

it('offline', () => {
  for (const inc of ['slowdown', 'none']) {
    const raw = JSON.parse(readFileSync(`/tmp/mmorch-demo/raw-${inc}.json`, 'utf8')) as [string, number, number, string][];
    raw.sort((a, b) => a[1] - b[1]);
    const base = demoConfig({ speed: 60, reportDir: '/tmp', models: { conv: 'conv', code: 'code' }, baselineRssBytes: 3e8 }).anomaly as Record<string, unknown>;
    const ovr = JSON.parse(process.env.OVR ?? '{}') as Record<string, Record<string, unknown>>;
    const cfg: Record<string, unknown> = { ...base };
    for (const [k, v] of Object.entries(ovr)) cfg[k] = typeof v === 'object' ? { ...(base[k] as object), ...v } : v;
    const t0 = 1_700_000_000_000;
    const mon = new PerformanceMonitor({ ...cfg, timer: false, clock: () => t0 });
    const out: string[] = [];
    mon.subscribe((e) => { if (e.status === 'firing') out.push(`${((e.startedAt - t0) / 60000).toFixed(1)} ${e.signal} ${e.model}`); });
    const per: Record<number, number[]> = {};
    for (const [model, endMs, lat, outcome] of raw) {
      if (outcome === 'dropped' || outcome === 'cancelled') continue;
      mon.recordInference({ model, latencySeconds: Math.max(lat, 0) / 1000, ok: outcome === 'ok', timestamp: t0 + endMs * 60 });
      if (model === 'code' && outcome === 'ok') { const k = Math.floor((endMs * 60) / 30000); per[k] = per[k] ?? []; per[k].push(lat); }
    }
    console.log(inc, 'EV', out.join(' | '));
    if (process.env.SHOW) console.log(Object.entries(per).map(([k, v]) => { v.sort((a, b) => a - b); return `${k}:${v[Math.floor(v.length * 0.5)]!.toFixed(0)}/${v[Math.floor(v.length * 0.95)]!.toFixed(0)}`; }).join(' '));
  }
});
