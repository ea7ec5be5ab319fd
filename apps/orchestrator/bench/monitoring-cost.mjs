// Per-request CPU cost of the monitoring calls alone, without HTTP. Each
// iteration runs one request's hooks (start, cache lookup, queue, batch of
// one, end) through the app's Monitoring layer, and the last row runs the
// five spans of a traced request straight through the OpenTelemetry SDK, as
// the reference for the tracing cost. Run after `pnpm build`.
import { OrchestratorConfig } from '@mm-orch/config';
import { OTelTracer } from '@mm-orch/tracing';
import { Monitoring } from '../dist/monitoring/monitoring.js';
import { VARIANTS } from './variants.mjs';

const ITERATIONS = 50_000;
const WARM_UP = 5_000;
const silent = { debug() {}, info() {}, warn() {}, error() {} };
const RESULT = {
  text: 'x',
  finishReason: 'stop',
  promptTokens: 4,
  completionTokens: 4,
};

function runRequest(monitoring, index) {
  const request = monitoring.startRequest({
    id: `r${index}`,
    model: 'fn',
    kind: 'completion',
    stream: false,
    inputTokens: 4,
    headers: {},
  });
  request.cacheLookup(false);
  request.queued();
  const batch = monitoring.hooks.batchStarted('fn', [{ context: request }]);
  batch.end();
  request.end({ status: 'ok', httpStatus: 200, result: RESULT, cached: false });
}

/** Returns the mean microseconds of `run(i)` over ITERATIONS calls. */
function time(run) {
  for (let i = 0; i < WARM_UP; i++) {
    run(i);
  }
  const started = performance.now();
  for (let i = 0; i < ITERATIONS; i++) {
    run(i);
  }
  return ((performance.now() - started) * 1000) / ITERATIONS;
}

function measureVariant(name) {
  const variant = VARIANTS[name];
  const config = OrchestratorConfig.parse({
    ...variant,
    metrics: { port: 0, ...variant.metrics },
    resources: { enabled: false },
  });
  const monitoring = new Monitoring({ config, logger: silent, clock: Date.now });
  const micros = time((i) => runRequest(monitoring, i));
  monitoring.monitor?.close();
  return micros;
}

function measureRawSpans() {
  const tracer = new OTelTracer({ samplerRatio: 1 });
  const attributes = { 'gen_ai.request.model': 'fn', 'mm_orch.request.id': 'r' };
  return time(() => {
    for (let span = 0; span < 5; span++) {
      tracer.tracer.startSpan('span', { attributes }).end();
    }
  });
}

console.log(`node ${process.version}, ${ITERATIONS} requests per row`);
console.log('');
console.log('| variant | µs per request |');
console.log('| --- | ---: |');
for (const name of Object.keys(VARIANTS)) {
  console.log(`| ${name} | ${measureVariant(name).toFixed(1)} |`);
}
console.log(`| raw OpenTelemetry SDK, 5 spans | ${measureRawSpans().toFixed(1)} |`);
