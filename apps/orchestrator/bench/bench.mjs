// Throughput and latency of the orchestrator with all monitoring on versus
// off, driven by autocannon on 127.0.0.1. Each variant runs in its own
// child process (bench-server.mjs) so that the load generator does not
// share the server's event loop. Run after `pnpm build`.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { availableParallelism, cpus } from 'node:os';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { VARIANTS } from './variants.mjs';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '32' },
    rounds: { type: 'string', default: '3' },
  },
});
const DURATION_S = Number(values.duration);
const CONNECTIONS = Number(values.connections);
const ROUNDS = Number(values.rounds);
const SERVER = new URL('./bench-server.mjs', import.meta.url).pathname;

async function startServer(variant) {
  const child = spawn(process.execPath, [SERVER, variant], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout });
  const [line] = await once(lines, 'line');
  return { child, url: JSON.parse(line).url };
}

async function measure(variant) {
  const { child, url } = await startServer(variant);
  const request = {
    url: `${url}/v1/completions`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'fn', prompt: 'bench', max_tokens: 4 }),
    connections: CONNECTIONS,
  };
  await autocannon({ ...request, duration: 2 });
  const result = await autocannon({ ...request, duration: DURATION_S });
  child.kill('SIGTERM');
  await once(child, 'exit');
  return {
    variant,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}

const rows = [];
for (let round = 0; round < ROUNDS; round++) {
  for (const variant of Object.keys(VARIANTS)) {
    rows.push(await measure(variant));
  }
}

const mean = (list, key) =>
  list.reduce((sum, row) => sum + row[key], 0) / list.length;
const summary = Object.keys(VARIANTS).map((variant) => {
  const mine = rows.filter((row) => row.variant === variant);
  return {
    variant,
    rps: mean(mine, 'rps'),
    p50: mean(mine, 'p50'),
    p99: mean(mine, 'p99'),
    errors: mean(mine, 'errors'),
  };
});
const base = summary[0];
const percent = (value, reference) =>
  `${((value / reference) * 100).toFixed(1)}%`;

console.log(
  `node ${process.version}, ${availableParallelism()} cores (${cpus()[0]?.model}), ` +
    `${CONNECTIONS} connections, ${DURATION_S} s x ${ROUNDS} rounds per variant ` +
    '(after a 2 s warm-up each), function model of 0.1 ms',
);
console.log('');
console.log(
  '| variant | req/s | req/s vs off | p50 ms | p99 ms | p99 vs off | errors |',
);
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const row of summary) {
  console.log(
    `| ${row.variant} | ${row.rps.toFixed(0)} | ${percent(row.rps, base.rps)} | ` +
      `${row.p50.toFixed(1)} | ${row.p99.toFixed(1)} | ${percent(row.p99, base.p99)} | ${row.errors} |`,
  );
}
