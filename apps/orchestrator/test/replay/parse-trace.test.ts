import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTrace, parseTrace } from '../../src/replay/parse-trace.js';
import type { TraceError } from '../../src/replay/trace-error.js';

const DATA = new URL('../../data/traces/', import.meta.url);

function errorOf(run: () => unknown): TraceError {
  try {
    run();
  } catch (error) {
    return error as TraceError;
  }
  throw new Error('expected the call to throw');
}

describe('parseTrace', () => {
  it('reads the Azure layout', () => {
    const text =
      'TIMESTAMP,ContextTokens,GeneratedTokens\n' +
      '2023-11-16 18:15:46.6805900,374,44\n' +
      '2023-11-16 18:15:50.9951690,396,109';
    const rows = parseTrace(text, 'azure.csv').requests;
    expect(rows).toEqual([
      { offsetMs: 0, inputTokens: 374, outputTokens: 44 },
      {
        offsetMs: expect.closeTo(4314.579, 3),
        inputTokens: 396,
        outputTokens: 109,
      },
    ]);
  });

  it('reads the generic layout', () => {
    const text = 'timestamp,input_tokens,output_tokens\n10.5,3,4\n10,1,2\n';
    const rows = parseTrace(text, 'generic.csv').requests;
    expect(rows).toEqual([
      { offsetMs: 0, inputTokens: 1, outputTokens: 2 },
      { offsetMs: 500, inputTokens: 3, outputTokens: 4 },
    ]);
  });

  it('keeps sub-millisecond fractions', () => {
    const text =
      'timestamp,input_tokens,output_tokens\n' +
      '2023-11-16T00:00:00.0000000Z,1,1\n' +
      '2023-11-16T00:00:00.0001500Z,1,1\n';
    expect(parseTrace(text, 'fine.csv').requests[1]!.offsetMs).toBeCloseTo(
      0.15,
      9,
    );
  });

  it('rejects an unknown header', () => {
    const error = errorOf(() => parseTrace('time,in,out\n1,2,3', 'x.csv'));
    expect(error.message).toMatchInlineSnapshot(
      `"trace x.csv line 1: invalid header "time,in,out", expected "TIMESTAMP,ContextTokens,GeneratedTokens" or "timestamp,input_tokens,output_tokens""`,
    );
  });

  it.each([
    ['2023-13-45 99:00:00,1,2', 'invalid timestamp "2023-13-45 99:00:00"'],
    ['yesterday,1,2', 'invalid timestamp "yesterday"'],
    ['1,-3,2', 'invalid input token count "-3"'],
    ['1,3,2.5', 'invalid output token count "2.5"'],
    ['1,3', 'expected 3 comma-separated fields, received 2'],
  ])('rejects row %j', (row, fragment) => {
    const text = `timestamp,input_tokens,output_tokens\n1,1,1\n${row}\n`;
    const error = errorOf(() => parseTrace(text, 'bad.csv'));
    expect(error.code).toBe('TRACE_MALFORMED');
    expect(error.message).toContain(`trace bad.csv line 3: ${fragment}`);
    expect(error.message).not.toContain('\n');
  });

  it('rejects a trace without rows', () => {
    const error = errorOf(() =>
      parseTrace('timestamp,input_tokens,output_tokens\n', 'empty.csv'),
    );
    expect(error.code).toBe('TRACE_EMPTY');
  });
});

describe('loadTrace', () => {
  it('reads the shipped conv trace', async () => {
    const trace = await loadTrace(
      new URL('AzureLLMInferenceTrace_conv.csv', DATA).pathname,
    );
    expect(trace.requests).toHaveLength(19_366);
    expect(trace.requests.at(-1)!.offsetMs).toBeCloseTo(3_501_721.9, 0);
    expect(new Date(trace.firstMs).toISOString()).toBe(
      '2023-11-16T18:15:46.680Z',
    );
  });

  it('reads the shipped code trace', async () => {
    const trace = await loadTrace(
      new URL('AzureLLMInferenceTrace_code.csv', DATA).pathname,
    );
    expect(trace.requests).toHaveLength(8_819);
  });

  it('reports a missing file', async () => {
    const path = join(tmpdir(), 'mm-orch-no-such-trace.csv');
    await expect(loadTrace(path)).rejects.toMatchObject({
      code: 'TRACE_NOT_FOUND',
      message: `trace file not found: ${path}; pass an existing CSV with --trace`,
    });
  });

  it('reports a malformed file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mm-orch-trace-'));
    const path = join(dir, 'bad.csv');
    await writeFile(path, 'TIMESTAMP,ContextTokens,GeneratedTokens\nx,1,2\n');
    await expect(loadTrace(path)).rejects.toMatchObject({
      code: 'TRACE_MALFORMED',
    });
  });
});
