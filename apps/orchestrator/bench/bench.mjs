// Throughput and latency of the orchestrator with all monitoring on versus
// off, driven by autocannon on 127.0.0.1. Each variant runs in its own
// child process (bench-server.mjs) so that the load generator does not
// share the server's event loop. Where `taskset` exists and there are at
// least 2 cores, the server is pinned to CPU 0 and this process (the load
// generator) to the others. Variants alternate within each round, and the
// tables give medians with the range over rounds. Run after `pnpm build`.
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { startCollector } from './collector.mjs';
import { runFixedRate } from './fixed-rate.mjs';
import { otlpVariants, VARIANTS } from './variants.mjs';
import { calibrateWork } from './work.mjs';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '32' },
    rounds: { type: 'string', default: '5' },
    warmup: { type: 'string', default: '10' },
    rate: { type: 'string' },
    'rate-share': { type: 'string', default: '0.7' },
    'node-flags': { type: 'string', default: '' },
    // Declared as its own flag because `parseArgs` rejects `--no-pin` as
    // an unknown option unless `pin` has `allowNegative`.
    'no-pin': { type: 'boolean', default: false },
    otlp: { type: 'boolean', default: false },
  },
});
/**
 * Returns option `name` as a number, or exits with a message naming the
 * value when it is not a positive number (or zero where `zero` allows it).
 */
function numberOption(name, { zero = false } = {}) {
  const value = Number(values[name]);
  if (!Number.isFinite(value) || value < 0 || (value === 0 && !zero)) {
    process.stderr.write(
      `bench: --${name} ${values[name]} is not a ${zero ? 'non-negative' : 'positive'} number; pass one, such as --${name} 5\n`,
    );
    process.exit(2);
  }
  return value;
}

const DURATION_S = numberOption('duration');
const CONNECTIONS = numberOption('connections');
const ROUNDS = numberOption('rounds');
const WARMUP_S = numberOption('warmup', { zero: true });
const NODE_FLAGS = values['node-flags'].split(' ').filter(Boolean);
const RATE_SHARE = numberOption('rate-share');
/** Fixed request rate; set from the first off run unless `--rate` is given. */
let fixedRate = values.rate === undefined ? undefined : numberOption('rate');
const SERVER = new URL('./bench-server.mjs', import.meta.url).pathname;
const CORES = availableParallelism();

/**
 * Pins this process to CPUs 1..n-1 with `taskset` and returns true, or
 * returns false when pinning is off, there is one core, or `taskset` fails.
 */
function pinLoadGenerator() {
  if (values['no-pin'] || CORES < 2) {
    return false;
  }
  const cpus = `1-${CORES - 1}`;
  const result = spawnSync(
    'taskset',
    ['-a', '-p', '-c', cpus, String(process.pid)],
    {
      stdio: 'ignore',
    },
  );
  return result.status === 0;
}

const PINNED = pinLoadGenerator();
const WORK_ITERATIONS = calibrateWork(0.1);
/** Local OTLP collector of the `--otlp` variants, in this process. */
const collector = values.otlp ? await startCollector() : undefined;
const RUN_VARIANTS = collector
  ? { ...VARIANTS, ...otlpVariants(collector.url) }
  : VARIANTS;

/** Server of the variant being measured, stopped if this process is. */
let runningServer;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    runningServer?.kill('SIGTERM');
    process.exit(1);
  });
}

async function startServer(variant) {
  const collectorArg = collector ? [collector.url] : [];
  const command = PINNED ? 'taskset' : process.execPath;
  const args = PINNED
    ? [
        '-c',
        '0',
        process.execPath,
        ...NODE_FLAGS,
        SERVER,
        variant,
        String(WORK_ITERATIONS),
        ...collectorArg,
      ]
    : [
        ...NODE_FLAGS,
        SERVER,
        variant,
        String(WORK_ITERATIONS),
        ...collectorArg,
      ];
  const child = spawn(command, args, {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  runningServer = child;
  // Registered right after the spawn so that an early exit is not missed.
  // A missed exit would leave this process waiting forever, because the
  // `--otlp` collector keeps its event loop alive.
  const exited = once(child, 'exit');
  const lines = createInterface({ input: child.stdout });
  const line = await Promise.race([
    once(lines, 'line').then(([first]) => first),
    exited.then(([code, signal]) => {
      throw new Error(
        `bench server of variant "${variant}" exited (${signal ?? `code ${code}`}) before printing its URL. See its error output above.`,
      );
    }),
  ]);
  const closing = [];
  lines.on('line', (next) => closing.push(next));
  return { child, exited, url: JSON.parse(line).url, closing };
}

async function measure(variant) {
  const exportedBefore = collector?.stats();
  const { child, exited, url, closing } = await startServer(variant);
  const request = {
    url: `${url}/v1/completions`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'fn', prompt: 'bench', max_tokens: 4 }),
    connections: CONNECTIONS,
  };
  await autocannon({ ...request, duration: WARMUP_S });
  const cpuBefore = cpuTicks(child.pid);
  const result = await autocannon({ ...request, duration: DURATION_S });
  const cpuAfter = cpuTicks(child.pid);
  fixedRate ??= Math.round(result.requests.average * RATE_SHARE);
  const fixedCpuBefore = cpuTicks(child.pid);
  const fixed = await runFixedRate({
    url: request.url,
    body: request.body,
    rate: fixedRate,
    durationS: DURATION_S,
    sockets: CONNECTIONS,
  });
  const fixedCpuAfter = cpuTicks(child.pid);
  if (child.exitCode !== null || child.signalCode !== null) {
    throw new Error(
      `bench server of variant "${variant}" exited (${child.signalCode ?? `code ${child.exitCode}`}) during the run, so the run is invalid. See its error output above.`,
    );
  }
  child.kill('SIGTERM');
  await exited;
  const exportedAfter = collector?.stats();
  const spans =
    closing.length > 0 ? JSON.parse(closing.at(-1)).spans : undefined;
  return {
    variant,
    exportRequests: exportedAfter
      ? exportedAfter.requests - exportedBefore.requests
      : 0,
    exportBytes: exportedAfter ? exportedAfter.bytes - exportedBefore.bytes : 0,
    spans,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    cpuMicros: cpuPerRequest(cpuBefore, cpuAfter, result.requests.total),
    errors: result.errors + result.non2xx,
    fixedP50: fixed.p50,
    fixedP99: fixed.p99,
    fixedP999: fixed.p999,
    fixedCpuMicros: cpuPerRequest(fixedCpuBefore, fixedCpuAfter, fixed.total),
    fixedErrors: fixed.errors,
  };
}

function cpuPerRequest(before, after, requests) {
  return before === undefined || after === undefined
    ? Number.NaN
    : ((after - before) * MICROS_PER_TICK) / requests;
}

// Linux counts process CPU time in clock ticks of 10 ms (USER_HZ 100).
const MICROS_PER_TICK = 10_000;

/**
 * Returns the user plus system CPU ticks of process `pid` from
 * /proc/PID/stat, or undefined where there is no /proc.
 */
function cpuTicks(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the parenthesized command name; utime and stime are
    // fields 14 and 15 of the whole line.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return undefined;
  }
}

const rows = [];
for (let round = 0; round < ROUNDS; round++) {
  for (const variant of Object.keys(RUN_VARIANTS)) {
    rows.push({ round, ...(await measure(variant)) });
  }
}
await collector?.close();

const median = (list) => {
  const sorted = [...list].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? sorted[middle]
    : (sorted[middle - 1] + sorted[middle]) / 2;
};
const range = (list, digits) =>
  `${Math.min(...list).toFixed(digits)} to ${Math.max(...list).toFixed(digits)}`;
const sum = (list) => list.reduce((total, value) => total + value, 0);
const names = Object.keys(RUN_VARIANTS);
const base = names[0];
const of = (variant, key) =>
  rows.filter((row) => row.variant === variant).map((row) => row[key]);
/** Per-round ratios of `variant` to the off variant of the same round. */
const ratios = (variant, key) =>
  of(variant, key).map((value, round) => value / of(base, key)[round]);
const percent = (value) => `${(value * 100).toFixed(1)}%`;
/** Formats the median and range of the per-round ratios of `key`. */
const ratioCell = (variant, key) => {
  const list = ratios(variant, key);
  return `${percent(median(list))} (${percent(Math.min(...list))} to ${percent(Math.max(...list))})`;
};

console.log(
  `node ${process.version}, ${CORES} cores (${cpus()[0]?.model}), ` +
    `${PINNED ? 'server pinned to CPU 0, load generator to the others' : 'not pinned'}, ` +
    `${CONNECTIONS} connections, ${DURATION_S} s x ${ROUNDS} rounds per variant ` +
    `${NODE_FLAGS.length > 0 ? `server flags ${NODE_FLAGS.join(' ')}, ` : ''}(after a ${WARMUP_S} s warm-up each), function model of ${WORK_ITERATIONS} loop iterations (about 0.1 ms of CPU)`,
);
console.log('');
console.log(
  '| variant | req/s median (range) | req/s vs off, median (range) | p50 ms | p99 ms median (range) | p99 vs off, median (range) | server CPU µs per request, median (range) | errors |',
);
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const variant of names) {
  const rps = of(variant, 'rps');
  const p99 = of(variant, 'p99');
  console.log(
    `| ${variant} | ${median(rps).toFixed(0)} (${range(rps, 0)}) | ` +
      `${ratioCell(variant, 'rps')} | ` +
      `${median(of(variant, 'p50')).toFixed(1)} | ` +
      `${median(p99).toFixed(1)} (${range(p99, 1)}) | ` +
      `${ratioCell(variant, 'p99')} | ` +
      `${median(of(variant, 'cpuMicros')).toFixed(0)} (${range(of(variant, 'cpuMicros'), 0)}) | ` +
      `${sum(of(variant, 'errors'))} |`,
  );
}

console.log('');
console.log(
  `Open loop at a fixed ${fixedRate} req/s (${RATE_SHARE * 100}% of the first off run's throughput unless --rate is given), ${DURATION_S} s per variant, latency from each request's scheduled send time:`,
);
console.log('');
console.log(
  '| variant | p50 ms | p99 ms median (range) | p99 vs off, median (range) | p99.9 ms | server CPU µs per request, median (range) | CPU vs off, median (range) | errors |',
);
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const variant of names) {
  const p99 = of(variant, 'fixedP99');
  const cpu = of(variant, 'fixedCpuMicros');
  console.log(
    `| ${variant} | ${median(of(variant, 'fixedP50')).toFixed(2)} | ` +
      `${median(p99).toFixed(2)} (${range(p99, 2)}) | ` +
      `${ratioCell(variant, 'fixedP99')} | ` +
      `${median(of(variant, 'fixedP999')).toFixed(2)} | ` +
      `${median(cpu).toFixed(0)} (${range(cpu, 0)}) | ` +
      `${ratioCell(variant, 'fixedCpuMicros')} | ` +
      `${sum(of(variant, 'fixedErrors'))} |`,
  );
}

if (collector) {
  console.log('');
  console.log(
    'OTLP exports received by the local collector per server run (all three phases), median over rounds:',
  );
  console.log('');
  for (const variant of names.filter((name) => !(name in VARIANTS))) {
    const requests = median(of(variant, 'exportRequests'));
    const megabytes = median(of(variant, 'exportBytes')) / 1e6;
    const spans = of(variant, 'spans');
    const count = (read) =>
      median(spans.map((each) => (each ? read(each) : Number.NaN))).toFixed(0);
    // Spans neither exported nor counted as dropped when the server
    // stopped, such as those still in an export that the shutdown timeout
    // cut short. The worst run is shown, so 0 means none in any run.
    const unaccounted = Math.max(
      ...spans.map((each) =>
        each
          ? each.ended - each.exported - sum(Object.values(each.dropped))
          : Number.NaN,
      ),
    );
    console.log(
      `- ${variant}: ${requests.toFixed(0)} requests, ${megabytes.toFixed(1)} MB; ` +
        `spans ended ${count((each) => each.ended)}, exported ${count((each) => each.exported)}, ` +
        `dropped with a full queue ${count((each) => each.dropped.queueFull)}, ` +
        `in failed exports ${count((each) => each.dropped.exportFailed)}; ` +
        `at most ${unaccounted} neither exported nor dropped in a run`,
    );
  }
}
