// Scrape benchmark, run once per variant and size in its own process so
// that peak RSS belongs to one scrape:
//   node --expose-gc bench/scrape.mjs <variant> <series>
// variant: prom-client (registry.metrics() on native histograms),
// format (formatMetrics() string), stream (streamMetrics() chunks, as the
// HTTP endpoint sends them), http and http-gzip (a GET of the endpoint on
// 127.0.0.1 by a client in a child process).

import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import * as promClient from 'prom-client';
import { PrometheusExporter } from '../dist/index.js';

const [variant = 'format', seriesText = '1000'] = process.argv.slice(2);
const SERIES = Number(seriesText);
const SCHEDSTAT = '/proc/thread-self/schedstat';
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
    return scrapeFromChild(url, variant === 'http-gzip');
  }
  return async () => {
    let size = 0;
    for await (const chunk of exporter.streamMetrics()) {
      size += chunk.length;
    }
    return size;
  };
}

// Client of the http variants: a separate process, as Prometheus is, so
// that its reads do not count as the endpoint's blocks. Node loads parts of
// its HTTP server on the first request, so the client first GETs a path that
// is not the endpoint (a 404). Then it waits for a line on stdin, GETs the
// endpoint and prints the body size as sent.
const CLIENT = `
const { get } = require('node:http');
const [url, gzip] = process.argv.slice(1);
const headers = gzip === 'gzip' ? { 'accept-encoding': 'gzip' } : {};
function fetchSize(target, done) {
  get(target, { headers }, (response) => {
    let size = 0;
    response.on('data', (chunk) => { size += chunk.length; });
    response.on('end', () => done(size));
  });
}
fetchSize(url + '-warm-up', () => console.log('ready'));
process.stdin.once('data', () => {
  fetchSize(url, (size) => { console.log(size); process.exit(0); });
});
`;

/** Starts the client process and returns a scrape that runs it once. */
async function scrapeFromChild(url, gzip) {
  const client = spawn(
    process.execPath,
    ['-e', CLIENT, url, gzip ? 'gzip' : 'plain'],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const lines = createInterface({ input: client.stdout });
  const next = () =>
    new Promise((resolve) => lines.once('line', (line) => resolve(line)));
  await next();
  return async () => {
    const done = next();
    client.stdin.write('go\n');
    return Number(await done);
  };
}

/** CPU time of this process (user and system, all threads), in ms. */
function cpuMs() {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/**
 * CPU time of the calling (main) thread in ms, from the first field of
 * Linux's /proc/thread-self/schedstat (ns on a CPU), or NaN elsewhere.
 */
function threadCpuMs() {
  try {
    return Number(readFileSync(SCHEDSTAT, 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return Number.NaN;
  }
}

const scrape = await setup();
globalThis.gc?.();
const baseline = process.memoryUsage().rss;
// A 1 ms timer records the longest gap between its runs: the longest time
// the event loop was blocked while the scrape ran. On a shared machine a
// gap also includes time spent waiting for a core, so the maximum CPU time
// of one gap is recorded too: of the process (GC, compiler and zlib threads
// included) and of the main thread alone, the event loop's own work.
let last = performance.now();
let lastCpu = cpuMs();
let lastThreadCpu = threadCpuMs();
let maxGap = 0;
let maxCpuGap = 0;
let maxThreadCpuGap = 0;
const ticker = setInterval(() => {
  const now = performance.now();
  const cpu = cpuMs();
  const threadCpu = threadCpuMs();
  maxGap = Math.max(maxGap, now - last);
  maxCpuGap = Math.max(maxCpuGap, cpu - lastCpu);
  maxThreadCpuGap = Math.max(maxThreadCpuGap, threadCpu - lastThreadCpu);
  last = now;
  lastCpu = cpu;
  lastThreadCpu = threadCpu;
}, 1);
// The gaps before the scrape (setup, the ticker's start) are not the
// scrape's blocks, so the trackers restart once the ticker runs.
await new Promise((resolve) => setTimeout(resolve, 20));
maxGap = 0;
maxCpuGap = 0;
maxThreadCpuGap = 0;
last = performance.now();
lastCpu = cpuMs();
lastThreadCpu = threadCpuMs();
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
    maxBlockThreadCpuMs: maxThreadCpuGap,
  }),
);
// The endpoint of the http variants would keep the process alive.
process.exit(0);
