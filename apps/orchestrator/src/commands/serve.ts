import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, OrchestratorConfig } from '@mm-orch/config';
import { createLogger } from '../logger.js';
import { createOrchestrator } from '../orchestrator.js';

const USAGE = `usage: mm-orch serve [options]

Starts the orchestrator; without a config file it serves two simulated
models on 127.0.0.1:8080 with metrics on 127.0.0.1:9464.

options:
  --config FILE      JSON or YAML config file (also MMORCH_CONFIG)
  --host HOST        interface to listen on (default 127.0.0.1)
  --port PORT        API port, 0 picks a free one (default 8080)
  --metrics-port N   scrape endpoint port (default 9464)
  --log-level LEVEL  debug, info, warn or error (default warn)
  -h, --help         print this help
`;

/** Runs the `mm-orch serve` command and returns its exit code. */
export async function run(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      config: { type: 'string' },
      host: { type: 'string' },
      port: { type: 'string' },
      'metrics-port': { type: 'string' },
      'log-level': { type: 'string', default: 'warn' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }

  const logger = createLogger(values['log-level']);
  let config: ReturnType<typeof loadConfig<typeof OrchestratorConfig>>;
  try {
    config = loadConfig(OrchestratorConfig, {
      file: values.config,
      overrides: {
        server: {
          host: values.host,
          port: toPort(values.port, '--port'),
        },
        metrics: { port: toPort(values['metrics-port'], '--metrics-port') },
      },
    });
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`mm-orch serve: ${error.message}\n`);
      return 2;
    }
    throw error;
  }

  const app = createOrchestrator({ resolvedConfig: config, logger });
  const { url, metricsUrl } = await app.start();
  process.stdout.write(
    `mm-orch serving on ${url} (metrics: ${metricsUrl || 'off'})\n`,
  );
  return waitForSignal(() => app.stop());
}

function toPort(text: string | undefined, flag: string): number | undefined {
  if (text === undefined) {
    return undefined;
  }
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(
      `${flag} must be a port number from 0 to 65535, received "${text}"`,
    );
  }
  return port;
}

/**
 * Resolves with exit code 0 after the first SIGTERM or SIGINT once `stop`
 * finishes; a second signal exits at once with code 1.
 */
function waitForSignal(stop: () => Promise<void>): Promise<number> {
  return new Promise((resolve) => {
    let stopping = false;
    const onSignal = (signal: NodeJS.Signals) => {
      if (stopping) {
        process.stderr.write(`mm-orch serve: second ${signal}, exiting now\n`);
        process.exit(1);
      }
      stopping = true;
      process.stderr.write(
        `mm-orch serve: ${signal} received, shutting down\n`,
      );
      const finish = (code: number) => {
        process.off('SIGTERM', onSignal);
        process.off('SIGINT', onSignal);
        resolve(code);
      };
      stop().then(
        () => finish(0),
        (error: unknown) => {
          process.stderr.write(
            `mm-orch serve: shutdown failed: ${String(error)}\n`,
          );
          finish(1);
        },
      );
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  });
}
