// Hot-path benchmark: one finished request's updates through
// recordInference, through prom-client's API and through hand-written
// pre-bound cells. Run with `pnpm bench` after `pnpm build`.
import * as promClient from 'prom-client';
import { PrometheusExporter } from '../dist/index.js';

const ITERATIONS = 300_000;
const ROUNDS = 9;
const MODELS = ['llama-3-8b', 'mistral-7b', 'qwen-14b', 'phi-3'];
const BUCKETS = {
  latency: [
    0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48,
    40.96, 81.92, 163.84, 327.68,
  ],
  queue: [
    0.001, 0.005, 0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12,
    10.24, 20.48, 40.96, 81.92,
  ],
  ttft: [
    0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5,
    7.5, 10, 20, 40, 80,
  ],
  tpot: [0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.75, 1, 2.5],
  tokens: [
    1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304,
  ],
};

// Inputs drawn once, so that every variant gets the same values.
const SIZE = 4096;
const duration = new Float64Array(SIZE);
const queue = new Float64Array(SIZE);
const ttft = new Float64Array(SIZE);
const inputTokens = new Float64Array(SIZE);
const outputTokens = new Float64Array(SIZE);
let seed = 42;
const random = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};
for (let i = 0; i < SIZE; i++) {
  duration[i] = 0.2 + random() * 5;
  queue[i] = random() * 0.2;
  ttft[i] = 0.02 + random() * 0.5;
  inputTokens[i] = Math.floor(1 + random() * 2000);
  outputTokens[i] = Math.floor(2 + random() * 500);
}

/** Runs `body(i)` ITERATIONS times; returns ns per call. */
function timeOnce(body) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < ITERATIONS; i++) {
    body(i);
  }
  return Number(process.hrtime.bigint() - start) / ITERATIONS;
}

/**
 * Times every variant in interleaved rounds, so that load from other
 * processes hits them alike, and returns each variant's median ns per call.
 */
function measureAll(variants) {
  const samples = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, body] of Object.entries(variants)) {
      samples[name].push(timeOnce(body));
    }
  }
  return Object.fromEntries(
    Object.entries(samples).map(([name, list]) => {
      list.sort((a, b) => a - b);
      return [name, list[Math.floor(list.length / 2)]];
    }),
  );
}

// One request: 3 counter increments and 6 histogram observations
// (duration, queue, ttft, tpot, input and output tokens per request).
function promClientVariant(cached) {
  const registry = new promClient.Registry();
  const reg = [registry];
  const requests = new promClient.Counter({
    name: 'requests_total',
    help: 'h',
    labelNames: ['model', 'status'],
    registers: reg,
  });
  const tokens = new promClient.Counter({
    name: 'tokens_total',
    help: 'h',
    labelNames: ['model', 'type'],
    registers: reg,
  });
  const durationH = new promClient.Histogram({
    name: 'duration_seconds',
    help: 'h',
    labelNames: ['model', 'status'],
    buckets: BUCKETS.latency,
    registers: reg,
  });
  const queueH = new promClient.Histogram({
    name: 'queue_seconds',
    help: 'h',
    labelNames: ['model'],
    buckets: BUCKETS.queue,
    registers: reg,
  });
  const ttftH = new promClient.Histogram({
    name: 'ttft_seconds',
    help: 'h',
    labelNames: ['model'],
    buckets: BUCKETS.ttft,
    registers: reg,
  });
  const tpotH = new promClient.Histogram({
    name: 'tpot_seconds',
    help: 'h',
    labelNames: ['model'],
    buckets: BUCKETS.tpot,
    registers: reg,
  });
  const tokensH = new promClient.Histogram({
    name: 'request_tokens',
    help: 'h',
    labelNames: ['model', 'type'],
    buckets: BUCKETS.tokens,
    registers: reg,
  });

  if (!cached) {
    return (i) => {
      const k = i & (SIZE - 1);
      const model = MODELS[i & 3];
      const tpot = (duration[k] - ttft[k]) / (outputTokens[k] - 1);
      requests.inc({ model, status: 'ok' });
      durationH.observe({ model, status: 'ok' }, duration[k]);
      queueH.observe({ model }, queue[k]);
      ttftH.observe({ model }, ttft[k]);
      tpotH.observe({ model }, tpot);
      tokens.inc({ model, type: 'input' }, inputTokens[k]);
      tokens.inc({ model, type: 'output' }, outputTokens[k]);
      tokensH.observe({ model, type: 'input' }, inputTokens[k]);
      tokensH.observe({ model, type: 'output' }, outputTokens[k]);
    };
  }

  const children = MODELS.map((model) => ({
    requests: requests.labels(model, 'ok'),
    duration: durationH.labels(model, 'ok'),
    queue: queueH.labels(model),
    ttft: ttftH.labels(model),
    tpot: tpotH.labels(model),
    tokensIn: tokens.labels(model, 'input'),
    tokensOut: tokens.labels(model, 'output'),
    perRequestIn: tokensH.labels(model, 'input'),
    perRequestOut: tokensH.labels(model, 'output'),
  }));
  return (i) => {
    const k = i & (SIZE - 1);
    const c = children[i & 3];
    c.requests.inc();
    c.duration.observe(duration[k]);
    c.queue.observe(queue[k]);
    c.ttft.observe(ttft[k]);
    c.tpot.observe((duration[k] - ttft[k]) / (outputTokens[k] - 1));
    c.tokensIn.inc(inputTokens[k]);
    c.tokensOut.inc(outputTokens[k]);
    c.perRequestIn.observe(inputTokens[k]);
    c.perRequestOut.observe(outputTokens[k]);
  };
}

/** Hand-written pre-bound cells: the practical limit. */
function handWrittenVariant() {
  const histogram = (bounds) => {
    const b = Float64Array.from(bounds);
    const cells = new Float64Array(b.length + 2);
    return (value) => {
      let i = 0;
      while (i < b.length && value > b[i]) i++;
      cells[i] += 1;
      cells[b.length + 1] += value;
    };
  };
  const cells = MODELS.map(() => ({
    counters: new Float64Array(3),
    duration: histogram(BUCKETS.latency),
    queue: histogram(BUCKETS.queue),
    ttft: histogram(BUCKETS.ttft),
    tpot: histogram(BUCKETS.tpot),
    perRequestIn: histogram(BUCKETS.tokens),
    perRequestOut: histogram(BUCKETS.tokens),
  }));
  return (i) => {
    const k = i & (SIZE - 1);
    const c = cells[i & 3];
    c.counters[0] += 1;
    c.duration(duration[k]);
    c.queue(queue[k]);
    c.ttft(ttft[k]);
    c.tpot((duration[k] - ttft[k]) / (outputTokens[k] - 1));
    c.counters[1] += inputTokens[k];
    c.counters[2] += outputTokens[k];
    c.perRequestIn(inputTokens[k]);
    c.perRequestOut(outputTokens[k]);
  };
}

function exporterVariant(traced) {
  const exporter = new PrometheusExporter({
    processMetrics: false,
    gpuMetrics: false,
  });
  const traceIds = MODELS.map((_, i) => `4bf92f3577b34da6a3ce929d0e0e473${i}`);
  return (i) => {
    const k = i & (SIZE - 1);
    exporter.recordInference({
      model: MODELS[i & 3],
      status: 'ok',
      durationSeconds: duration[k],
      queueSeconds: queue[k],
      ttftSeconds: ttft[k],
      inputTokens: inputTokens[k],
      outputTokens: outputTokens[k],
      traceId: traced ? traceIds[i & 3] : undefined,
    });
  };
}

/** Returns the median ns per request of every variant. */
export function runHotPath() {
  return measureAll({
    promClientLabels: promClientVariant(false),
    promClientChildren: promClientVariant(true),
    handWritten: handWrittenVariant(),
    recordInference: exporterVariant(false),
    recordInferenceTraced: exporterVariant(true),
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(runHotPath()));
}
