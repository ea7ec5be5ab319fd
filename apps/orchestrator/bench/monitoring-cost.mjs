// Per-request CPU cost of the monitoring calls alone, without HTTP. Each
// iteration runs one request's hooks (start, cache lookup, queue, batch of
// one, end) through the app's Monitoring layer, and the last row runs the
// five spans of a traced request straight through the OpenTelemetry SDK, as
// the reference for the tracing cost. Run after `pnpm build`.
import { OrchestratorConfig } from '@mm-orch/config';
import { OTelTracer } from '@mm-orch/tracing';
import { Monitoring } from '../dist/monitoring/monitoring.js';
import { VARIANTS } from './variants.mjs';

const ITERATIONS = 20_000;
const WARM_UP = 2_000;
const ROUNDS = 5;
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

const OFF = VARIANTS['monitoring off'];

/** Variants with one component on, to split the cost of the defaults. */
const PARTS = {
  'metrics only': { ...OFF, metrics: { enabled: true } },
  'performance monitor only': { ...OFF, anomaly: { enabled: true } },
  'tracing only, samplerRatio 0': {
    ...OFF,
    tracing: { enabled: true, samplerRatio: 0 },
  },
};

function measureVariant(variant) {
  const config = OrchestratorConfig.parse({
    ...variant,
    metrics: { port: 0, ...variant.metrics },
    resources: { enabled: false },
  });
  const monitoring = new Monitoring({
    config,
    logger: silent,
    clock: Date.now,
  });
  const micros = time((i) => runRequest(monitoring, i));
  monitoring.monitor?.close();
  return micros;
}

function measureRawSpans() {
  const tracer = new OTelTracer({ samplerRatio: 1 });
  const attributes = {
    'gen_ai.request.model': 'fn',
    'mm_orch.request.id': 'r',
  };
  return time(() => {
    for (let span = 0; span < 5; span++) {
      tracer.tracer.startSpan('span', { attributes }).end();
    }
  });
}

// Rows run interleaved, round after round, and each reports its median, so
// that a change in machine load hits every row alike.
const rows = {
  ...Object.fromEntries(
    Object.entries({ ...VARIANTS, ...PARTS }).map(([name, variant]) => [
      name,
      () => measureVariant(variant),
    ]),
  ),
  'raw OpenTelemetry SDK, 5 spans': measureRawSpans,
};
const samples = Object.fromEntries(Object.keys(rows).map((name) => [name, []]));
for (let round = 0; round < ROUNDS; round++) {
  for (const [name, measure] of Object.entries(rows)) {
    samples[name].push(measure());
  }
}

const median = (values) =>
  [...values].sort((a, b) => a - b)[values.length >> 1];
console.log(
  `node ${process.version}, median of ${ROUNDS} rounds of ${ITERATIONS} requests per row`,
);
console.log('');
console.log('| variant | µs per request |');
console.log('| --- | ---: |');
for (const [name, values] of Object.entries(samples)) {
  console.log(`| ${name} | ${median(values).toFixed(1)} |`);
}
