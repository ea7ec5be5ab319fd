import { describe, expect, it } from 'vitest';
import { OTelTracer } from '../src/index.js';

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
});
