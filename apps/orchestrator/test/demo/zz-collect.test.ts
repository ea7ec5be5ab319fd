import { writeFileSync } from 'node:fs';
import { it } from 'vitest';
import { planDemo } from '../../src/demo/demo-plan.js';
import { findIncident } from '../../src/demo/incidents.js';
import { runDemo } from '../../src/demo/run-demo.js';
import { loadTrace } from '../../src/replay/parse-trace.js';

it('collect', async () => {
  const conv = await loadTrace('data/traces/AzureLLMInferenceTrace_conv.csv');
  const code = await loadTrace('data/traces/AzureLLMInferenceTrace_code.csv');
  const inc = process.env.INC ?? 'slowdown';
  const incident = findIncident(inc);
  const plan = planDemo({ traces: [{ model: 'conv', file: 'a', trace: conv }, { model: 'code', file: 'b', trace: code }], speed: 60, incident });
  const raw: unknown[] = [];
  const result = await runDemo({ plan, incident, speed: 60, models: { conv: 'conv', code: 'code' }, reportDir: '/tmp/mmorch-demo', progress: { write: () => true }, logger: { debug() {}, info() {}, warn() {}, error() {} }, onResult: (r) => raw.push([r.model, r.endMs, r.latencyMs ?? -1, r.outcome]) });
  writeFileSync(`/tmp/mmorch-demo/raw-${inc}.json`, JSON.stringify(raw));
  writeFileSync(`/tmp/mmorch-demo/result-${inc}.json`, JSON.stringify(result));
}, 300_000);
