// Measures the cost that @mm-orch/config adds on top of the libraries it
// wraps, against the built code in dist/. Each case runs beside its raw
// counterpart in the same process, and the table reports the ratio of the
// medians. Run with `pnpm --filter @mm-orch/config bench` after a build.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import {
  ConfigError,
  loadConfig,
  OrchestratorConfig,
  parseConfig,
} from '../dist/index.js';

const ROUNDS = 7;
const MIN_ROUND_MS = 200;

/** Times `fn` for at least 200 ms and returns the µs per call. */
function timeRound(fn) {
  let calls = 0;
  let elapsed = 0;
  const start = performance.now();
  while (elapsed < MIN_ROUND_MS) {
    for (let i = 0; i < 20; i++) fn();
    calls += 20;
    elapsed = performance.now() - start;
  }
  return (elapsed * 1_000) / calls;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/**
 * Alternates rounds of `raw` and `ours`, so load from other processes falls
 * on both alike, and returns the median µs per call of each.
 */
function compare(raw, ours) {
  for (let i = 0; i < 50; i++) {
    raw();
    ours();
  }

  const rawRounds = [];
  const ourRounds = [];
  for (let round = 0; round < ROUNDS; round++) {
    rawRounds.push(timeRound(raw));
    ourRounds.push(timeRound(ours));
  }
  return [median(rawRounds), median(ourRounds)];
}

const directory = mkdtempSync(join(tmpdir(), 'mmorch-config-bench-'));
const yamlText = [
  'server:',
  '  port: 8081',
  '  requestTimeout: 30s',
  'metrics:',
  '  port: 9465',
  'tracing:',
  '  serviceName: shop',
  'alerting:',
  '  destinations:',
  '    - type: console',
  '      name: log',
  '',
].join('\n');
const file = join(directory, 'app.yaml');
writeFileSync(file, yamlText);

const invalid = { server: { port: 'x' }, metrics: { prot: 1 } };
const parsed = parseConfig(OrchestratorConfig, {});
const plain = JSON.parse(JSON.stringify(parsed));

const cases = [
  {
    name: 'parse defaults',
    raw: () => OrchestratorConfig.parse({}),
    ours: () => parseConfig(OrchestratorConfig, {}),
  },
  {
    name: 'load YAML file',
    raw: () => OrchestratorConfig.parse(parseYaml(yamlText)),
    ours: () => loadConfig(OrchestratorConfig, { file, env: {} }),
  },
  {
    name: 'reject invalid input',
    raw: () => OrchestratorConfig.safeParse(invalid).error.issues.length,
    ours: () => {
      try {
        parseConfig(OrchestratorConfig, invalid);
      } catch (error) {
        if (!(error instanceof ConfigError)) throw error;
      }
    },
  },
  {
    name: 'JSON.stringify config',
    raw: () => JSON.stringify(plain),
    ours: () => JSON.stringify(parsed),
  },
];

console.log(`node ${process.version}, ${process.platform} ${process.arch}`);
console.log('| case | raw µs/call | @mm-orch/config µs/call | ratio |');
console.log('| --- | ---: | ---: | ---: |');
for (const { name, raw, ours } of cases) {
  const [rawUs, oursUs] = compare(raw, ours);
  const ratio = (oursUs / rawUs).toFixed(2);
  console.log(
    `| ${name} | ${rawUs.toFixed(1)} | ${oursUs.toFixed(1)} | ${ratio}x |`,
  );
}

rmSync(directory, { recursive: true, force: true });
