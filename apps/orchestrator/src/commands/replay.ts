import { basename } from 'node:path';
import { startDemoHost } from '../demo/demo-host.js';
import {
  type CommandIo,
  processIo,
  reportCommandError,
} from '../replay/command-io.js';
import {
  parseCommandOptions,
  readPositive,
} from '../replay/parse-command-options.js';
import { loadTrace } from '../replay/parse-trace.js';
import { ProgressLine } from '../replay/progress-line.js';
import { ReplayError } from '../replay/replay-error.js';
import { ReplayStats } from '../replay/replay-stats.js';
import { probeTarget, replayTrace } from '../replay/replay-trace.js';
import { formatSummaryTable } from '../report/summary-table.js';

const USAGE =
  'usage: mm-orch replay --trace FILE [--target URL] [--speed N] ' +
  '[--model NAME] [--concurrency N] [--time-limit S] ' +
  '[--request-timeout S] [--stream-every N]';

const HELP = `${USAGE}

Replays a CSV trace (Azure LLM inference format, or timestamp,input_tokens,
output_tokens) against an OpenAI-compatible server, keeping the arrival
pattern scaled by --speed.

options:
  --trace FILE           trace CSV to replay (required)
  --target URL           server to send to; without it an orchestrator
                         with its default models starts in-process
  --speed N              replay speed-up over the trace's time (default 1)
  --model NAME           model to request (default: the first that the
                         target lists)
  --concurrency N        max requests in flight; later arrivals are dropped
                         (default 256)
  --time-limit S         stop after S seconds of wall time (default: the
                         trace's length at --speed, plus the request
                         timeout and 10 s)
  --request-timeout S    seconds before one request counts as timed out
                         (default 30)
  --stream-every N       stream every Nth request with "stream": true
                         (default: none)
  -h, --help             print this help
`;

const OPTIONS = {
  trace: { type: 'string' },
  target: { type: 'string' },
  speed: { type: 'string' },
  model: { type: 'string' },
  concurrency: { type: 'string' },
  'time-limit': { type: 'string' },
  'request-timeout': { type: 'string' },
  'stream-every': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Runs the `mm-orch replay` command and returns its exit code. */
export async function run(
  argv: string[],
  io: CommandIo = processIo,
): Promise<number> {
  try {
    return await replayCommand(argv, io);
  } catch (error) {
    return reportCommandError('replay', error, io);
  }
}

async function replayCommand(argv: string[], io: CommandIo): Promise<number> {
  const values = parseCommandOptions(argv, OPTIONS);
  if (values.help) {
    io.stdout.write(HELP);
    return 0;
  }
  const tracePath = values.trace;
  if (typeof tracePath !== 'string') {
    throw new ReplayError('INVALID_ARGUMENT', `missing --trace FILE; ${USAGE}`);
  }

  const speed = readPositive(values, 'speed', 1);
  const concurrency = readPositive(values, 'concurrency', 256, true);
  const requestTimeoutS = readPositive(values, 'request-timeout', 30);
  const streamEvery = readPositive(values, 'stream-every', 1, true);
  const { requests } = await loadTrace(tracePath);
  const traceMs = requests.at(-1)!.offsetMs / speed;
  const timeLimitS = readPositive(
    values,
    'time-limit',
    Math.ceil(traceMs / 1_000) + requestTimeoutS + 10,
  );

  const host =
    typeof values.target === 'string' ? undefined : await startDemoHost();
  const target = typeof values.target === 'string' ? values.target : host!.url;
  try {
    const listed = await probeTarget(target);
    const model = values.model;
    if (typeof model === 'string' && listed.length > 0) {
      if (!listed.includes(model)) {
        io.stderr.write(
          `mm-orch replay: warning: ${target} does not list model ` +
            `"${model}" (it lists ${listed.join(', ')}); check --model\n`,
        );
      }
    }
    const expectedS = (traceMs / 1_000).toFixed(0);
    io.stderr.write(
      `replaying ${requests.length} requests of ${basename(tracePath)} ` +
        `against ${target} at ${speed}x (about ${expectedS} s)\n`,
    );
    const stats = new ReplayStats();
    let firstFailure: string | undefined;
    const progress = new ProgressLine(io.stderr, stats, traceMs);
    progress.start();
    const summary = await replayTrace({
      target,
      ...(typeof values.model === 'string' ? { model: values.model } : {}),
      requests,
      speed,
      concurrency,
      timeLimitMs: timeLimitS * 1_000,
      requestTimeoutMs: requestTimeoutS * 1_000,
      streamEvery: values['stream-every'] === undefined ? 0 : streamEvery,
      onSend: () => stats.addSent(),
      onResult: (result) => {
        stats.add(result);
        if (result.outcome !== 'ok' && firstFailure === undefined) {
          firstFailure =
            result.error ?? `HTTP ${result.status ?? result.outcome}`;
        }
      },
    }).finally(() => progress.stop());

    const tables = stats
      .models()
      .map((model) => stats.summary(model, summary.elapsedMs));
    io.stdout.write(`${formatSummaryTable(tables)}\n`);
    if (summary.dropped > 0) {
      io.stdout.write(
        `${summary.dropped} requests dropped because ${concurrency} were ` +
          'already in flight; raise --concurrency or lower --speed\n',
      );
    }
    if (summary.timeLimitReached) {
      io.stdout.write(
        `time limit of ${timeLimitS} s reached: ${summary.cancelled} requests cut off\n`,
      );
    }
    if (summary.sent > 0 && summary.completed === 0) {
      io.stderr.write(
        `mm-orch replay: none of the ${summary.sent} requests succeeded ` +
          `(first failure: ${firstFailure}); check the target and --model\n`,
      );
      return 1;
    }
    return 0;
  } finally {
    await host?.stop();
  }
}
