import { readFile } from 'node:fs/promises';
import { parseTimestamp, type SplitTimestamp } from './parse-timestamp.js';
import { TraceError } from './trace-error.js';

/** One request of a trace, with its arrival time relative to the first. */
export interface TraceRequest {
  /** Arrival time after the first request of the trace, in milliseconds. */
  offsetMs: number;
  /** Prompt length in tokens. */
  inputTokens: number;
  /** Number of tokens the model generated. */
  outputTokens: number;
}

/** A parsed trace: its requests and when the first one arrived. */
export interface Trace {
  /** Arrival time of the first request, in ms since the epoch. */
  firstMs: number;
  /** Requests sorted by arrival. */
  requests: TraceRequest[];
}

/** The column names of each supported trace layout, in file order. */
const LAYOUTS = [
  ['TIMESTAMP', 'ContextTokens', 'GeneratedTokens'],
  ['timestamp', 'input_tokens', 'output_tokens'],
] as const;

const TOKEN_PATTERN = /^\d+$/;

/**
 * Parses the text of a trace CSV: the Azure LLM inference layout
 * (`TIMESTAMP,ContextTokens,GeneratedTokens`) or the generic
 * `timestamp,input_tokens,output_tokens` one. Requests come out sorted by
 * arrival, with offsets from the first. Throws a `TraceError` that names
 * `source`, the line and the value for the first malformed line.
 */
export function parseTrace(text: string, source: string): Trace {
  const lines = text.split(/\r?\n/);
  const header = (lines[0] ?? '').trim();
  checkHeader(header, source);

  const rows: { time: SplitTimestamp; input: number; output: number }[] = [];
  for (let index = 1; index < lines.length; index++) {
    const line = (lines[index] ?? '').trim();
    if (line === '') {
      continue;
    }
    rows.push(parseRow(line, index + 1, source));
  }
  if (rows.length === 0) {
    throw new TraceError(
      'TRACE_EMPTY',
      `trace ${source} has a header but no requests; add at least one row`,
    );
  }

  rows.sort(
    (a, b) =>
      a.time.wholeMs - b.time.wholeMs || a.time.fractionMs - b.time.fractionMs,
  );
  const first = rows[0]!.time;
  const offsetOf = (time: SplitTimestamp) =>
    time.wholeMs - first.wholeMs + (time.fractionMs - first.fractionMs);
  const requests = rows.map((row) => ({
    offsetMs: offsetOf(row.time),
    inputTokens: row.input,
    outputTokens: row.output,
  }));
  return { firstMs: first.wholeMs + first.fractionMs, requests };
}

/**
 * Reads and parses a trace file (see `parseTrace`). Throws a `TraceError`
 * when the file is missing, unreadable or malformed.
 */
export async function loadTrace(path: string): Promise<Trace> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new TraceError(
        'TRACE_NOT_FOUND',
        `trace file not found: ${path}; pass an existing CSV with --trace`,
      );
    }
    throw new TraceError(
      'TRACE_UNREADABLE',
      `cannot read trace file ${path}: ${(error as Error).message}`,
    );
  }

  return parseTrace(text, path);
}

function checkHeader(header: string, source: string): void {
  const columns = header.split(',').map((column) => column.trim());
  const known = LAYOUTS.some(
    (layout) =>
      columns.length === layout.length &&
      layout.every((name, index) => columns[index] === name),
  );
  if (known) {
    return;
  }

  const expected = LAYOUTS.map((layout) => `"${layout.join(',')}"`).join(
    ' or ',
  );
  throw new TraceError(
    'TRACE_MALFORMED',
    `trace ${source} line 1: invalid header ` +
      `${JSON.stringify(header.slice(0, 80))}, expected ${expected}`,
  );
}

function parseRow(line: string, lineNumber: number, source: string) {
  const where = `trace ${source} line ${lineNumber}`;
  const fields = line.split(',').map((field) => field.trim());
  if (fields.length !== 3) {
    throw new TraceError(
      'TRACE_MALFORMED',
      `${where}: expected 3 comma-separated fields, ` +
        `received ${fields.length} in ${JSON.stringify(line.slice(0, 80))}`,
    );
  }

  const [timestamp, input, output] = fields as [string, string, string];
  const time = parseTimestamp(timestamp);
  if (time === undefined) {
    throw new TraceError(
      'TRACE_MALFORMED',
      `${where}: invalid timestamp ${JSON.stringify(timestamp)}, ` +
        'expected "YYYY-MM-DD HH:MM:SS.fff" or seconds',
    );
  }

  return {
    time,
    input: parseTokens(input, 'input token count', where),
    output: parseTokens(output, 'output token count', where),
  };
}

function parseTokens(text: string, what: string, where: string): number {
  if (!TOKEN_PATTERN.test(text)) {
    throw new TraceError(
      'TRACE_MALFORMED',
      `${where}: invalid ${what} ${JSON.stringify(text)}, expected a whole number of tokens`,
    );
  }
  return Number(text);
}
