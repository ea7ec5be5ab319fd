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
    scrape.push({
      variant,
      size,
      ms: median(runs.map((r) => r.ms)),
      bytes: runs[0].bytes,
      peakMb: median(runs.map((r) => r.peakMb)),
      maxBlockMs: median(blocks),
      maxBlockMsMax: Math.max(...blocks),
      maxBlockCpuMs: median(cpuBlocks),
      maxBlockCpuMsMax: Math.max(...cpuBlocks),
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
    `${fixed(r.maxBlockCpuMs)} / ${fixed(r.maxBlockCpuMsMax)}`,
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
endpoint on 127.0.0.1 by a client in the same process, so the client's
reads count in the time and the blocks (the output column of \`http-gzip\`
is the compressed size). Peak memory is the rise of the process's maximum
RSS over the RSS before the scrape. The longest block is the longest gap
between runs of a 1 ms timer during the scrape, as the median and the
maximum over the rounds. On a loaded machine a gap also includes time spent
waiting for a core, so the last column gives the CPU time the process used
in its longest gap (GC and zlib threads included): the part of the block
that the scrape's own work causes. Every scrape is the process's first, so
its rendering code starts cold.

| series | variant | time (ms) | faster by | output (MB) | peak memory (MB) | peak vs prom-client | longest block, median / max (ms) | CPU in longest gap, median / max (ms) |
| --- | --- | --- | --- | --- | --- | --- | --- | --- |
${scrapeRows.join('\n')}

\`streamMetrics()\` renders a chunk of at most 512 lines, joins it, and
yields to the event loop (\`setImmediate\`) once 2 ms of rendering and
joining have passed, so its own slices stay near 2 ms. What remains of a
block is a young-generation GC pause (about 1 ms of work, several ms of wall
time on a loaded machine) landing in a slice, and time spent waiting for a
core. \`formatMetrics()\` returns one string, so its last step joins the
whole output (160 MB at 100,000 series) at once, and that step and the GC
after it are its longest block. The HTTP endpoint uses \`streamMetrics()\`
and writes the output chunk by chunk, waiting for the socket (or gzip
stream) to drain.

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
