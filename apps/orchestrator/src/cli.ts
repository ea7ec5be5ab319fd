#!/usr/bin/env node
// Entry point of the `mm-orch` command: dispatches to one module per command.
import { dispatch } from './commands/dispatch.js';

/**
 * Time a finished command gives open handles to close before the process
 * exits anyway, so a leftover socket or timer cannot keep `serve` alive
 * after its graceful shutdown.
 */
const EXIT_GRACE_MS = 2_000;

function finish(code: number): void {
  process.exitCode = code;
  setTimeout(() => process.exit(code), EXIT_GRACE_MS).unref();
}

dispatch(process.argv.slice(2)).then(finish, (error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`mm-orch: ${message}\n`);
  finish(1);
});
