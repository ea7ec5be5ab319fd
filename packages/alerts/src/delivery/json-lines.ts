import { appendFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { makeFolder } from './make-folder.js';

/**
 * Appends one JSON line to a file, creating its folder first. Synchronous,
 * so that a line written before a crash is on disk (in the page cache)
 * when the process dies.
 */
export function appendJsonLine(path: string, record: unknown): void {
  makeFolder(dirname(path));
  appendFileSync(path, `${JSON.stringify(record)}\n`);
}

/** Parses JSON lines, skipping blank and torn (half-written) lines. */
export function parseJsonLines(text: string): {
  records: unknown[];
  invalid: number;
} {
  const records: unknown[] = [];
  let invalid = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') {
      continue;
    }
    try {
      records.push(JSON.parse(line));
    } catch {
      invalid += 1;
    }
  }
  return { records, invalid };
}
