import type { CommandIo } from '../../src/replay/command-io.js';

/** Command streams that keep what a command writes, for assertions. */
export interface CapturedIo extends CommandIo {
  out(): string;
  err(): string;
}

/** Creates streams that record a command's output instead of printing it. */
export function captureIo(): CapturedIo {
  let out = '';
  let err = '';
  return {
    stdout: { write: (text: string) => (out += text), isTTY: false },
    stderr: { write: (text: string) => (err += text), isTTY: false },
    out: () => out,
    err: () => err,
  };
}
