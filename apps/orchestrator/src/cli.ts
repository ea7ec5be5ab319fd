#!/usr/bin/env node
// Entry point of the `mm-orch` command: dispatches to one module per command.
import { dispatch } from './commands/dispatch.js';

dispatch(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`mm-orch: ${message}\n`);
    process.exitCode = 1;
  },
);
