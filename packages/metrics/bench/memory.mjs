// Retained memory per histogram series, one process per case:
//   node --expose-gc bench/memory.mjs <prom-client|exporter> <integer|fractional>
// Integer bounds are the token-count layout; fractional ones the latency one.
import * as promClient from 'prom-client';
import { PrometheusExporter } from '../dist/index.js';

const [impl = 'exporter', bounds = 'integer'] = process.argv.slice(2);
const SERIES = 10_000;
const BUCKETS =
  bounds === 'integer'
    ? [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304]
    : [
        0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24,
        20.48,
      ];

function used() {
  globalThis.gc();
  globalThis.gc();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}

// Label values are built before the baseline, so they are not counted.
const labels = Array.from({ length: SERIES }, (_, i) => `model-${i}`);
// `observe` keeps the registry alive until the second measurement.
let observe;
if (impl === 'prom-client') {
  const registry = new promClient.Registry();
  const histogram = new promClient.Histogram({
    name: 'bench_tokens',
    help: 'Tokens.',
    labelNames: ['model'],
    buckets: BUCKETS,
    registers: [registry],
  });
  observe = (model, value) => histogram.observe({ model }, value);
} else {
  const exporter = new PrometheusExporter({
    processMetrics: false,
    gpuMetrics: false,
    maxSeriesPerMetric: SERIES,
  });
  const histogram = exporter.histogram({
    name: 'bench_tokens',
    help: 'Tokens.',
    labelNames: ['model'],
    buckets: BUCKETS,
  });
  observe = (model, value) => histogram.labels(model).observe(value);
}

const before = used();
for (let i = 0; i < SERIES; i++) {
  observe(labels[i], BUCKETS[i % BUCKETS.length]);
}
const after = used();
console.log(
  JSON.stringify({
    impl,
    bounds,
    bytesPerSeries: (after - before) / SERIES,
  }),
);
