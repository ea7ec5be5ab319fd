// Runs every benchmark of @mm-orch/metrics against dist/ and writes
// BENCHMARKS.md. Command: `pnpm bench` (turbo builds first), or
// `pnpm build && node bench/run.mjs` in packages/metrics.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';

const benchPath = (file) => fileURLToPath(new URL(file, import.meta.url));
const SIZES = [1_000, 10_000, 100_000];
const VARIANTS = ['prom-client', 'format', 'stream', 'http', 'http-gzip'];
// prom-client takes seconds per scrape at 100,000 series, so it runs fewer
// rounds than the exporter's variants.
const BASE_REPEATS = 3;
const REPEATS = 5;

function child(script, args) {
  const output = execFileSync(
    process.execPath,
    ['--expose-gc', benchPath(script), ...args],
    { encoding: 'utf8', maxBuffer: 1 << 20 },
  );
  return JSON.parse(output.trim().split('\n').at(-1));
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const fixed = (value, digits = 1) => value.toFixed(digits);
const load = loadavg()
  .map((value) => value.toFixed(1))
  .join(', ');

// Hot path.
const hot = child('hot-path.mjs', []);

// Scrape: each (variant, size) in fresh processes, medians kept, and the
// maximum of the longest block over the rounds.
const scrape = [];
for (const size of SIZES) {
  for (const variant of VARIANTS) {
    const repeats = variant === 'prom-client' ? BASE_REPEATS : REPEATS;
    const runs = Array.from({ length: repeats }, () =>
      child('scrape.mjs', [variant, String(size)]),
    );
    const blocks = runs.map((r) => r.maxBlockMs);
    const cpuBlocks = runs.map((r) => r.maxBlockCpuMs);
    const threadBlocks = runs.map((r) => r.maxBlockThreadCpuMs);
    scrape.push({
      variant,
      size,
      ms: median(runs.map((r) => r.ms)),
      bytes: runs[0].bytes,
      peakMb: median(runs.map((r) => r.peakMb)),
      maxBlockMs: median(blocks),
      maxBlockMsMax: Math.max(...blocks),
      maxBlockCpuMsMax: Math.max(...cpuBlocks),
      maxBlockThreadCpuMs: median(threadBlocks),
      maxBlockThreadCpuMsMax: Math.max(...threadBlocks),
    });
  }
}

// Memory per histogram series.
const memory = [];
for (const impl of ['prom-client', 'exporter']) {
  for (const bounds of ['integer', 'fractional']) {
    memory.push(child('memory.mjs', [impl, bounds]));
  }
}

const row = (cells) => `| ${cells.join(' | ')} |`;
const scrapeRows = scrape.map((r) => {
  const base = scrape.find(
    (b) => b.size === r.size && b.variant === 'prom-client',
  );
  return row([
    r.size.toLocaleString('en-US'),
    r.variant,
    fixed(r.ms),
    `${fixed(base.ms / r.ms)}x`,
    fixed(r.bytes / 1e6, 2),
    fixed(r.peakMb),
    `${fixed(r.peakMb / base.peakMb, 2)}`,
    `${fixed(r.maxBlockMs)} / ${fixed(r.maxBlockMsMax)}`,
    `${fixed(r.maxBlockThreadCpuMs)} / ${fixed(r.maxBlockThreadCpuMsMax)}`,
    fixed(r.maxBlockCpuMsMax),
  ]);
});
const memoryRows = memory.map((r) =>
  row([r.impl, r.bounds, fixed(r.bytesPerSeries, 0)]),
);

const text = `# Benchmarks of @mm-orch/metrics

Command: \`pnpm bench\` in \`packages/metrics\` (runs \`node bench/run.mjs\`
against \`dist/\` after the build). Every ratio below compares figures
measured in the same run.

Machine of this record: ${cpus().length} cores (${cpus()[0]?.model.trim()}),
Node ${process.version}, load average ${load} when the run started. Other
processes shared the cores, so absolute times are noisy; the ratios are the
figures to compare.

## Hot path

One finished request: 3 counter increments and 6 histogram observations
(request duration, queue time, time to first token, time per output token,
input and output tokens per request) over 4 models. Median of
${9} interleaved rounds of 300,000 requests (\`bench/hot-path.mjs\`).

| variant | ns per request | recordInference is faster by |
| --- | --- | --- |
${row(['prom-client, labels objects', fixed(hot.promClientLabels), `${fixed(hot.promClientLabels / hot.recordInference)}x`])}
${row(['prom-client, cached children', fixed(hot.promClientChildren), `${fixed(hot.promClientChildren / hot.recordInference)}x`])}
${row(['hand-written pre-bound cells (the limit)', fixed(hot.handWritten), `${fixed(hot.handWritten / hot.recordInference, 2)}x`])}
${row(['recordInference', fixed(hot.recordInference), '1x'])}
${row(['recordInference with a trace id (2 exemplars)', fixed(hot.recordInferenceTraced), `${fixed(hot.recordInferenceTraced / hot.recordInference, 2)}x`])}

recordInference costs ${fixed(hot.recordInference / hot.handWritten, 2)}x the
hand-written cells (target: within 3x) and is
${fixed(hot.promClientChildren / hot.recordInference)}x faster than
prom-client's cached children (target: at least 10x).

## Scrape

One histogram of 16 bounds with two labels, N series
(\`bench/scrape.mjs\`), each case in ${REPEATS} fresh processes
(prom-client in ${BASE_REPEATS}), medians unless marked. \`prom-client\` is
\`registry.metrics()\` on native prom-client histograms; \`format\` is
\`formatMetrics()\` (one string); \`stream\` is \`streamMetrics()\`, the
chunks the HTTP endpoint sends; \`http\` and \`http-gzip\` are a GET of the
endpoint on 127.0.0.1 by a client in a child process, after one warm-up
request to another path (the output column of \`http-gzip\` is the
compressed size). Peak memory is the rise of the process's maximum RSS over
the RSS before the scrape. Every scrape is the process's first, so its
rendering code starts cold.

A 1 ms timer measures the event loop during the scrape. The longest block
is the longest gap between its runs, as the median and the maximum over the
rounds. On a loaded machine a gap also includes time spent waiting for a
core, so two CPU figures follow. Main-thread CPU is the most CPU time that
the event loop's thread used within one gap, read from Linux's
\`/proc/thread-self/schedstat\`: the scrape's own work between two yields,
GC pauses included. Process CPU is the most CPU time of the whole process
within one gap, which also counts V8's GC and compiler threads and zlib's
thread pool working beside the event loop.

| series | variant | time (ms) | faster by | output (MB) | peak memory (MB) | peak vs prom-client | longest block, median / max (ms) | main-thread CPU in one gap, median / max (ms) | process CPU in one gap, max (ms) |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
${scrapeRows.join('\n')}

\`streamMetrics()\` renders 8 series at a time, joins a chunk once it has
512 lines or 2 ms have passed, and yields to the event loop
(\`setImmediate\`) when 2 ms have passed since the last yield, the join
included. The main thread's work in one gap then stays within a few ms: a
slice, a young-generation GC pause (about 1 ms each, about 30 of them in a
scrape of 100,000 series) and the timer's own callback. The rest of a long
block is time spent waiting for a core while other processes load the
machine. The http variants' time includes the child client and the
loopback transfer, and \`http-gzip\` the compression, which
\`registry.metrics()\` does not do, so their "faster by" is not the
rendering's ratio. A peak memory of 0.0 means the scrape stayed below the
peak RSS that filling the series had reached.

\`formatMetrics()\` returns one string, so its last step joins the whole
output (160 MB at 100,000 series) at once, and that step and the GC after
it are its longest block. Building the string by \`+=\` from the chunks
would only move that copy to the first read of the string. The HTTP
endpoint uses \`streamMetrics()\` and writes the output chunk by chunk,
waiting for the socket (or the gzip stream) to drain.

## Record of the chunked join (2026-12-04)

Before this change a chunk held up to 2048 lines, the 2 ms clock was read
before the join, and the scrape benchmark counted the time before the
scrape started in its first gap. Measured with the benchmark above (warm-up
and child client included) on the same machine, old build and new build
interleaved, 5 rounds each, load average 4 to 6:

| series | variant | time before / after (ms) | longest block, median before / after (ms) | main-thread CPU in one gap, max before / after (ms) |
| --- | --- | --- | --- | --- |
| 10,000 | stream | 143.1 / 113.3 | 19.9 / 15.8 | 4.5 / 4.6 |
| 10,000 | http | 178.9 / 145.2 | 20.2 / 10.4 | 6.6 / 4.4 |
| 10,000 | http-gzip | 327.8 / 225.6 | 10.9 / 6.1 | 4.8 / 4.1 |
| 100,000 | stream | 841.6 / 586.8 | 33.3 / 18.4 | 5.1 / 5.1 |
| 100,000 | http | 1542.2 / 757.0 | 23.8 / 17.2 | 6.3 / 4.6 |
| 100,000 | http-gzip | 2291.3 / 2170.4 | 18.3 / 38.7 | 5.4 / 4.6 |

The main thread's own work per gap was already within a few ms before the
change, so the 14 to 34 ms blocks recorded earlier were mostly waiting for
a core, the setup counted in the first gap, and CPU of V8's background
threads counted as the process's.

## Memory per histogram series

Heap and array buffers retained per series after 10,000 label sets of one
histogram with 12 bounds, through the public API
(\`bench/memory.mjs\`). Integer bounds are the token-count layout.

| implementation | bounds | bytes per series |
| --- | --- | --- |
${memoryRows.join('\n')}
`;

writeFileSync(benchPath('../BENCHMARKS.md'), text);
console.log(text);
