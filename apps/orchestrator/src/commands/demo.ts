import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { destination, pino } from 'pino';
import { planDemo } from '../demo/demo-plan.js';
import { formatDemoSummary } from '../demo/format-demo-summary.js';
import { findIncident } from '../demo/incidents.js';
import { runDemo } from '../demo/run-demo.js';
import {
  type CommandIo,
  processIo,
  reportCommandError,
} from '../replay/command-io.js';
import {
  parseCommandOptions,
  readNonNegative,
  readPositive,
} from '../replay/parse-command-options.js';
import { loadTrace } from '../replay/parse-trace.js';
import { ReplayError } from '../replay/replay-error.js';
import { writeReport } from '../report/write-report.js';

const USAGE =
  'usage: mm-orch demo [--incident slowdown|errors|stall|leak|none] ' +
  '[--speed N] [--duration S] [--from S] [--report FILE]';

const HELP = `${USAGE}

Replays the two bundled Azure LLM inference traces through an in-process
orchestrator with two simulated models, conv and code, injects an incident
from 40% to 65% of the run, and reports whether it was detected.

options:
  --incident NAME   slowdown (code model 3x slower), errors (30% of code
                    calls fail), stall (code calls hang), leak (conv model
                    retains memory) or none (default slowdown)
  --speed N         replay speed-up over the traces' time (default 60)
  --duration S      length of the run in wall-clock seconds (default: the
                    whole traces)
  --from S          start of the replayed slice in seconds of trace time
                    (default 0)
  --report FILE     path of the HTML report (default
                    reports/demo-INCIDENT-TIME.html in the app folder)
  -h, --help        print this help
`;

const OPTIONS = {
  incident: { type: 'string' },
  speed: { type: 'string' },
  duration: { type: 'string' },
  from: { type: 'string' },
  report: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const APP_DIR = fileURLToPath(new URL('../../', import.meta.url));
const TRACES = {
  conv: 'AzureLLMInferenceTrace_conv.csv',
  code: 'AzureLLMInferenceTrace_code.csv',
};
const MODELS = { conv: 'conv', code: 'code' };

/** Runs the `mm-orch demo` command and returns its exit code. */
export async function run(
  argv: string[],
  io: CommandIo = processIo,
): Promise<number> {
  try {
    return await demoCommand(argv, io);
  } catch (error) {
    return reportCommandError('demo', error, io);
  }
}

async function demoCommand(argv: string[], io: CommandIo): Promise<number> {
  const values = parseCommandOptions(argv, OPTIONS);
  if (values.help) {
    io.stdout.write(HELP);
    return 0;
  }
  const incident = findIncident(String(values.incident ?? 'slowdown'));
  const speed = readPositive(values, 'speed', 60);
  const durationS = readPositive(values, 'duration', Number.NaN);
  const fromS = readNonNegative(values, 'from', Number.NaN);
  const reportPath = resolve(
    typeof values.report === 'string'
      ? values.report
      : defaultReportPath(incident?.name ?? 'none'),
  );
  if (typeof values.report === 'boolean') {
    throw new ReplayError(
      'INVALID_ARGUMENT',
      `--report needs a FILE; ${USAGE}`,
    );
  }
  const reportDir = resolve(reportPath, '..');

  const [conv, code] = await Promise.all([
    loadTrace(resolve(APP_DIR, 'data/traces', TRACES.conv)),
    loadTrace(resolve(APP_DIR, 'data/traces', TRACES.code)),
  ]);
  const plan = planDemo({
    traces: [
      { model: MODELS.conv, file: TRACES.conv, trace: conv },
      { model: MODELS.code, file: TRACES.code, trace: code },
    ],
    speed,
    ...(Number.isNaN(durationS) ? {} : { durationMs: durationS * 1_000 }),
    ...(Number.isNaN(fromS) ? {} : { fromMs: fromS * 1_000 }),
    incident,
  });

  const logPath = resolve(reportDir, 'demo.log');
  const logDestination = destination({
    dest: logPath,
    mkdir: true,
    sync: true,
  });
  const logger = pino({ name: 'mm-orch', level: 'warn' }, logDestination);
  const workloads = plan.workloads
    .map((w) => `${w.requests.length} ${w.model} requests`)
    .join(' and ');
  const expectedS = (plan.wallMs / 1_000).toFixed(0);
  io.stderr.write(
    `mm-orch demo: ${workloads} at ${speed}x, about ${expectedS} s; ` +
      `incident: ${incident?.description ?? 'none'}; logs: ${logPath}\n`,
  );

  const result = await runDemo({
    plan,
    incident,
    speed,
    models: MODELS,
    reportDir,
    progress: io.stderr,
    logger,
  });
  const written = await writeReport(result, reportPath);
  io.stdout.write(`${formatDemoSummary(result)}\nreport: ${written}\n`);
  return 0;
}

function defaultReportPath(incident: string): string {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  return resolve(APP_DIR, 'reports', `demo-${incident}-${stamp}.html`);
}
