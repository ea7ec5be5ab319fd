// Scrape benchmark, run once per variant and size in its own process so
// that peak RSS belongs to one scrape:
//   node --expose-gc bench/scrape.mjs <variant> <series>
// variant: prom-client (registry.metrics() on native histograms),
// format (formatMetrics() string), stream (streamMetrics() chunks, as the
// HTTP endpoint sends them), http and http-gzip (a GET of the endpoint on
// 127.0.0.1, read by a client in the same process).
import { get } from 'node:http';
import { performance } from 'node:perf_hooks';
import * as promClient from 'prom-client';
import { PrometheusExporter } from '../dist/index.js';

const [variant = 'format', seriesText = '1000'] = process.argv.slice(2);
const SERIES = Number(seriesText);
const BUCKETS = [
  0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48,
  40.96, 81.92, 163.84, 327.68,
];

/** Fills `observe(labelValues, value)` with SERIES label sets. */
function fill(observe) {
  for (let i = 0; i < SERIES; i++) {
    const model = `model-${i % 100}`;
    const route = `route-${Math.floor(i / 100)}`;
    observe(model, route, (i % 997) / 100);
  }
}

async function setup() {
  if (variant === 'prom-client') {
    const registry = new promClient.Registry();
    const histogram = new promClient.Histogram({
      name: 'bench_request_duration_seconds',
      help: 'End-to-end request duration in seconds.',
      labelNames: ['model', 'route'],
      buckets: BUCKETS,
      registers: [registry],
    });
    fill((model, route, value) => histogram.observe({ model, route }, value));
    return async () => {
      const text = await registry.metrics();
      return text.length;
    };
  }

  const exporter = new PrometheusExporter({
    processMetrics: false,
    gpuMetrics: false,
    maxSeriesPerMetric: SERIES,
    port: 0,
  });
  const histogram = exporter.histogram({
    name: 'bench_request_duration_seconds',
    help: 'End-to-end request duration in seconds.',
    labelNames: ['model', 'route'],
    buckets: BUCKETS,
  });
  fill((model, route, value) => histogram.labels(model, route).observe(value));
  if (variant === 'format') {
    return async () => (await exporter.formatMetrics()).length;
  }
  if (variant === 'http' || variant === 'http-gzip') {
    const { url } = await exporter.start();
    const headers = variant === 'http' ? {} : { 'accept-encoding': 'gzip' };
    return () => fetchSize(url, headers);
  }
  return async () => {
    let size = 0;
    for await (const chunk of exporter.streamMetrics()) {
      size += chunk.length;
    }
    return size;
  };
}

/** Returns the size of the response body as sent (compressed or not). */
function fetchSize(url, headers) {
  return new Promise((resolve, reject) => {
    get(url, { headers }, (response) => {
      let size = 0;
      response.on('data', (chunk) => {
        size += chunk.length;
      });
      response.on('end', () => resolve(size));
    }).on('error', reject);
  });
}

/** CPU time of this process (user and system, all threads), in ms. */
function cpuMs() {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

const scrape = await setup();
globalThis.gc?.();
const baseline = process.memoryUsage().rss;
// A 1 ms timer records the longest gap between its runs: the longest time
// the event loop was blocked while the scrape ran. On a shared machine a
// gap also includes time spent waiting for a core, so the CPU time the process
// used in the gap is recorded too.
let last = performance.now();
let lastCpu = cpuMs();
let maxGap = 0;
let maxCpuGap = 0;
const ticker = setInterval(() => {
  const now = performance.now();
  const cpu = cpuMs();
  maxGap = Math.max(maxGap, now - last);
  maxCpuGap = Math.max(maxCpuGap, cpu - lastCpu);
  last = now;
  lastCpu = cpu;
}, 1);
// The gaps before the scrape (setup, the ticker's start) are not the
// scrape's blocks, so the trackers restart once the ticker runs.
await new Promise((resolve) => setTimeout(resolve, 20));
maxGap = 0;
maxCpuGap = 0;
last = performance.now();
lastCpu = cpuMs();
const start = last;
const size = await scrape();
const ms = performance.now() - start;
await new Promise((resolve) => setTimeout(resolve, 5));
clearInterval(ticker);
const peak = process.resourceUsage().maxRSS * 1024;

console.log(
  JSON.stringify({
    variant,
    series: SERIES,
    ms,
    bytes: size,
    peakMb: (peak - baseline) / 1e6,
    maxBlockMs: maxGap,
    maxBlockCpuMs: maxCpuGap,
  }),
);
// The endpoint of the http variants would keep the process alive.
process.exit(0);
