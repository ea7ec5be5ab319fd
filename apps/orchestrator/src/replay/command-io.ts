import type { ProgressStream } from './progress-line.js';

/** Output streams of a command, so tests can capture what it prints. */
export interface CommandIo {
  /** Stream for results. */
  stdout: ProgressStream;
  /** Stream for progress and errors. */
  stderr: ProgressStream;
}

/** Streams of the running process. */
export const processIo: CommandIo = {
  stdout: process.stdout,
  stderr: process.stderr,
};

/**
 * Writes `error` as one line `mm-orch COMMAND: message` to `io.stderr` and
 * returns exit code 1 (2 for invalid arguments). Errors without a `code`
 * are bugs, so their stack trace follows on the next lines.
 */
export function reportCommandError(
  command: string,
  error: unknown,
  io: CommandIo,
): number {
  const message = error instanceof Error ? error.message : String(error);
  const firstLine = message.split('\n')[0];
  io.stderr.write(`mm-orch ${command}: ${firstLine}\n`);

  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string' && error instanceof Error && error.stack) {
    io.stderr.write(`${error.stack}\n`);
  }
  return code === 'INVALID_ARGUMENT' ? 2 : 1;
}
