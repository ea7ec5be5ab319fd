import { ExportResultCode } from '@opentelemetry/core';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { describe, expect, it } from 'vitest';
import { BoundedMemoryExporter, OTelTracer } from '../src/index.js';

/** A stand-in for a finished span, identified by its name. */
function fakeSpan(name: string): ReadableSpan {
  return { name } as ReadableSpan;
}

function names(exporter: BoundedMemoryExporter): string[] {
  return exporter.getFinishedSpans().map((span) => span.name);
}

function endSpans(tracer: OTelTracer, count: number) {
  for (let index = 0; index < count; index += 1) {
    tracer.withSpan(`span-${index}`, {}, () => undefined);
  }
}

describe('BoundedMemoryExporter', () => {
  it('keeps the newest spans', () => {
    const tracer = new OTelTracer({
      exporter: { type: 'memory', maxSpans: 3 },
    });

    endSpans(tracer, 5);

    const names = tracer.getFinishedSpans().map((span) => span.name);
    expect(names).toEqual(['span-2', 'span-3', 'span-4']);
  });

  it('counts the dropped spans', () => {
    const tracer = new OTelTracer({
      exporter: { type: 'memory', maxSpans: 3 },
    });

    endSpans(tracer, 10);

    const status = tracer.getStatus();
    expect(status.droppedByReason.memoryLimit).toBe(7);
    expect(status.spansDropped).toBe(7);
    expect(status.spansExported).toBe(10);
  });

  it('stays bounded without reads', () => {
    const tracer = new OTelTracer({
      exporter: { type: 'memory', maxSpans: 4 },
    });

    endSpans(tracer, 100);

    expect(tracer.getStatus().droppedByReason.memoryLimit).toBe(96);
    expect(tracer.getFinishedSpans()).toHaveLength(4);
  });

  it('does not degrade at the bound', () => {
    const tracer = new OTelTracer({
      exporter: { type: 'memory', maxSpans: 1 },
    });

    endSpans(tracer, 3);

    expect(tracer.getStatus().degraded).toBe(false);
  });

  it('keeps order across many turns of the ring', () => {
    const exporter = new BoundedMemoryExporter(3);

    for (let index = 0; index < 11; index += 1) {
      exporter.store(fakeSpan(`s${index}`));
    }

    expect(names(exporter)).toEqual(['s8', 's9', 's10']);
    expect(exporter.droppedCount).toBe(8);
    expect(exporter.exportedCount).toBe(11);
  });

  it('returns a copy that callers may change', () => {
    const exporter = new BoundedMemoryExporter(2);
    exporter.store(fakeSpan('a'));

    exporter.getFinishedSpans().length = 0;

    expect(names(exporter)).toEqual(['a']);
  });

  it('empties on reset and fills again from the start', () => {
    const exporter = new BoundedMemoryExporter(2);
    for (const name of ['a', 'b', 'c']) {
      exporter.store(fakeSpan(name));
    }

    exporter.reset();
    exporter.store(fakeSpan('d'));

    expect(names(exporter)).toEqual(['d']);
    expect(exporter.droppedCount).toBe(1);
  });

  it('stores nothing after shutdown and fails later exports', async () => {
    const exporter = new BoundedMemoryExporter(2);
    exporter.store(fakeSpan('a'));

    await exporter.shutdown();
    const stored = exporter.store(fakeSpan('b'));
    const result = await new Promise<{ code: ExportResultCode }>((resolve) =>
      exporter.export([fakeSpan('c')], resolve),
    );

    expect(stored).toBe(false);
    expect(names(exporter)).toEqual([]);
    expect(result.code).toBe(ExportResultCode.FAILED);
  });

  it('accepts an export batch larger than the bound', async () => {
    const exporter = new BoundedMemoryExporter(2);

    const result = await new Promise<{ code: ExportResultCode }>((resolve) =>
      exporter.export(['a', 'b', 'c', 'd'].map(fakeSpan), resolve),
    );

    expect(result.code).toBe(ExportResultCode.SUCCESS);
    expect(names(exporter)).toEqual(['c', 'd']);
    expect(exporter.droppedCount).toBe(2);
  });
});
