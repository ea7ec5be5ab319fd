import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import {
  DEFAULT_DETECTOR,
  DETECTOR_NAMES,
} from '../detectors/create-detector.js';
import { AnomalyError } from '../errors.js';
import { evaluateNab, scoreSeries } from '../nab/evaluate-nab.js';
import { loadNabCorpus } from '../nab/nab-corpus.js';
import { formatScoresCsv, parseSeriesCsv } from '../nab/series-csv.js';

const USAGE = `Usage:
  mm-orch-anomaly score --input FILE.csv --output OUT.csv [--detector NAME]
      Reads a timestamp,value CSV and writes timestamp,value,anomaly_score
      (the NAB results format), one score in [0, 1] per row.
  mm-orch-anomaly nab --data DIR [--detector NAME] [--labels FILE]
      Scores every labelled file of a NAB folder (DIR/data, DIR/labels) and
      prints the normalized score of each profile and the points per second.

Options:
  --detector NAME  detector to run (default ${DEFAULT_DETECTOR}); one of
                   ${DETECTOR_NAMES.join(', ')}
  --labels FILE    label file name inside DIR/labels
                   (default combined_windows_dev.json)
`;

async function runScore(
  values: Record<string, string | undefined>,
  out: Output,
): Promise<void> {
  if (values.input === undefined || values.output === undefined) {
    throw new AnomalyError(
      'ANOMALY_INVALID_INPUT',
      `score needs --input and --output\n\n${USAGE}`,
    );
  }
  const series = parseSeriesCsv(await readFile(values.input, 'utf8'));
  const detector = values.detector ?? DEFAULT_DETECTOR;
  const scores = scoreSeries(detector, series.times, series.values);
  await writeFile(values.output, formatScoresCsv(series, scores));
  out.write(
    `scored ${scores.length} rows of ${values.input} with ${detector} into ${values.output}\n`,
  );
}

async function runNab(
  values: Record<string, string | undefined>,
  out: Output,
): Promise<void> {
  if (values.data === undefined) {
    throw new AnomalyError(
      'ANOMALY_INVALID_INPUT',
      `nab needs --data DIR\n\n${USAGE}`,
    );
  }

  const corpus = await loadNabCorpus(values.data, values.labels);
  const detector = values.detector ?? DEFAULT_DETECTOR;
  // The first pass warms up the JIT so that the second one measures speed.
  evaluateNab(corpus, detector);
  const evaluation = evaluateNab(corpus, detector);

  const windows = corpus.reduce((sum, file) => sum + file.windows.length, 0);
  const lines = [
    `detector ${evaluation.detector}: ${evaluation.files} files, ${evaluation.points} points, ${windows} windows`,
    'profile              normalized  threshold  TP  FN   FP',
  ];
  for (const { profile, result } of evaluation.profiles) {
    lines.push(
      [
        profile.name.padEnd(20),
        result.normalized.toFixed(2).padStart(10),
        result.threshold.toFixed(4).padStart(10),
        String(result.truePositives).padStart(3),
        String(result.falseNegatives).padStart(3),
        String(result.falsePositives).padStart(4),
      ].join(' '),
    );
  }

  const perSecond = evaluation.points / (evaluation.detectorMs / 1000);
  lines.push(
    `speed: ${Math.round(perSecond).toLocaleString('en-US')} points/second (detector only, one core)`,
  );
  out.write(`${lines.join('\n')}\n`);
}

/** Stream that receives the CLI's report. */
export interface Output {
  write(text: string): unknown;
}

/**
 * Runs the `mm-orch-anomaly` command line and returns the exit code: 0 on
 * success, 2 for a usage error. Raises `AnomalyError` for invalid input.
 */
export async function runCli(argv: string[], out: Output): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      input: { type: 'string' },
      output: { type: 'string' },
      detector: { type: 'string' },
      data: { type: 'string' },
      labels: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const command = positionals[0];
  if (values.help || command === undefined) {
    out.write(USAGE);
    return values.help ? 0 : 2;
  }
  const options = values as Record<string, string | undefined>;
  if (command === 'score') {
    await runScore(options, out);
  } else if (command === 'nab') {
    await runNab(options, out);
  } else {
    throw new AnomalyError(
      'ANOMALY_INVALID_INPUT',
      `unknown command '${command}'\n\n${USAGE}`,
    );
  }
  return 0;
}
