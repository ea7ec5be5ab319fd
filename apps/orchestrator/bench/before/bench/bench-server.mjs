// Child process of bench.mjs, serving the monitoring variant named in
// argv[2]. Its `function` model runs the number of loop iterations in
// argv[3], which bench.mjs calibrates to about 0.1 ms of CPU. It prints its
// URL as one JSON line and stops on SIGTERM.
import { createOrchestrator } from '../dist/orchestrator.js';
import { VARIANTS } from './variants.mjs';
import { work } from './work.mjs';

const ITERATIONS = Number(process.argv[3] ?? 20_000);

const silent = { debug() {}, info() {}, warn() {}, error() {} };

async function main(variant) {
  const monitoring = VARIANTS[variant];
  if (!monitoring) {
    throw new Error(`unknown variant "${variant}"`);
  }
  const app = createOrchestrator({
    config: {
      ...monitoring,
      server: { port: 0 },
      metrics: { port: 0, ...monitoring.metrics },
      models: [
        {
          name: 'fn',
          adapter: { type: 'function' },
          maxBatchSize: 32,
          maxBatchDelay: 0,
          queueLimit: 10_000,
          cache: { size: 0 },
        },
      ],
    },
    functions: {
      fn: async ({ prompt }) => (work(ITERATIONS) >= 0 ? prompt : ''),
    },
    logger: silent,
  });
  const { url } = await app.start();
  process.stdout.write(`${JSON.stringify({ url })}\n`);
  process.once('SIGTERM', () => {
    app.stop().then(() => process.exit(0));
  });
}

main(process.argv[2]).catch((error) => {
  process.stderr.write(`bench server: ${error.message}\n`);
  process.exit(1);
});
