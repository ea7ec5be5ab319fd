import { it } from 'vitest';
import { PerformanceMonitor } from '@mm-orch/anomaly';
import { demoConfig } from '../../src/demo/demo-config.js';
it('monitor', () => {
  const cfg = demoConfig({ speed: 60, reportDir: '/tmp', models: { conv: 'conv', code: 'code' } }).anomaly!;
  let t = 1_700_000_000_000;
  const mon = new PerformanceMonitor({ ...cfg, timer: false, clock: () => t });
  mon.subscribe((e) => console.log(((e.startedAt - 1_700_000_000_000) / 10000).toFixed(1), e.status, e.signal, e.model, e.reason, e.observed.toFixed(3), e.expected.toFixed(3), e.upper?.toFixed(3)));
  let seed = 1;
  const rnd = () => { seed = (seed * 16807) % 2147483647; return seed / 2147483647; };
  for (let i = 0; i < 150; i++) {
    const slow = i >= 60 && i < 85 ? 3 : 1;
    const n = 15 + Math.floor(rnd() * 20);
    for (let k = 0; k < n; k++) {
      t += 10_000 / n;
      const lat = 0.1 * Math.exp(rnd() * 1.5) * slow;
      mon.recordInference({ model: 'code', latencySeconds: lat, timestamp: t });
    }
  }
});
