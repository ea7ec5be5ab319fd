import { writeFileSync } from 'node:fs';
import { it } from 'vitest';
import { planDemo } from '../../src/demo/demo-plan.js';
import { findIncident } from '../../src/demo/incidents.js';
import { runDemo } from '../../src/demo/run-demo.js';
import { loadTrace } from '../../src/replay/parse-trace.js';
import * as rt from '../../src/replay/replay-trace.js';

it('collect', async () => {
  const conv = await loadTrace('data/traces/AzureLLMInferenceTrace_conv.csv');
  const code = await loadTrace('data/traces/AzureLLMInferenceTrace_code.csv');
  const incident = findIncident(process.env.INC ?? 'slowdown');
  const speed = Number(process.env.SPEED ?? 60);
  const dur = process.env.DUR ? Number(process.env.DUR) * 1000 : undefined;
  const plan = planDemo({
    ...(process.env.FROM ? { fromMs: Number(process.env.FROM) * 1000 } : {}),
    traces: [
      { model: 'conv', file: 'a', trace: conv },
      { model: 'code', file: 'b', trace: code },
    ],
    speed,
    ...(dur ? { durationMs: dur } : {}),
    incident,
  });
  const raw: unknown[] = [];
  const result = await runDemo({
    plan,
    incident,
    speed,
    models: { conv: 'conv', code: 'code' },
    reportDir: '/tmp/mmorch-demo',
    progress: { write: () => true },
    logger: { debug() {}, info() {}, warn() {}, error() {} },
    onResult: (r) => raw.push([r.model, r.endMs, r.latencyMs ?? -1, r.outcome]),
  });
  writeFileSync('/tmp/mmorch-demo/raw.json', JSON.stringify(raw));
  writeFileSync('/tmp/mmorch-demo/result.json', JSON.stringify(result));
  console.log(
    JSON.stringify(result.incident),
    result.anomalies.map(
      (a) =>
        `${(a.atMs / 1000).toFixed(1)} ${a.model} ${a.signal} ${a.falseAlarm}`,
    ),
  );
}, 300_000);
