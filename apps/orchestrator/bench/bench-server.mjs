// Child process of bench.mjs, serving the monitoring variant named in
// argv[2]. Its `function` model runs the number of loop iterations in
// argv[3], which bench.mjs calibrates to about 0.1 ms of CPU. argv[4] is
// the OTLP collector URL of the `--otlp` variants. It prints its URL as
// one JSON line, and on SIGTERM stops the app and prints its span counts
// as a second line.
import { createOrchestrator } from '../dist/orchestrator.js';
import { otlpVariants, VARIANTS } from './variants.mjs';
import { work } from './work.mjs';

const ITERATIONS = Number(process.argv[3] ?? 20_000);
/** URL of the OTLP collector of the `--otlp` variants, if any. */
const COLLECTOR_URL = process.argv[4];

const silent = { debug() {}, info() {}, warn() {}, error() {} };

async function main(variant) {
  const variants = COLLECTOR_URL
    ? { ...VARIANTS, ...otlpVariants(COLLECTOR_URL) }
    : VARIANTS;
  const monitoring = variants[variant];
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
    app.stop().then(() => {
      // Read after the flush, so that the counts include its exports.
      const tracing = app.tracer?.getStatus();
      const spans = tracing && {
        ended: tracing.spansEnded,
        exported: tracing.spansExported,
        dropped: tracing.droppedByReason,
      };
      process.stdout.write(`${JSON.stringify({ spans })}\n`, () =>
        process.exit(0),
      );
    }, fail);
  });
}

function fail(error) {
  process.stderr.write(`bench server: ${error.message}\n`);
  process.exit(1);
}

main(process.argv[2]).catch(fail);
