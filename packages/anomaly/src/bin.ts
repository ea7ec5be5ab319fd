#!/usr/bin/env node
import { runCli } from './cli/run-cli.js';
import { AnomalyError } from './errors.js';

runCli(process.argv.slice(2), process.stdout).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`mm-orch-anomaly: ${message}\n`);
    const usage =
      error instanceof AnomalyError ||
      (error as { code?: string })?.code?.startsWith('ERR_PARSE_ARGS');
    process.exitCode = usage ? 2 : 1;
  },
);
