import {
  BasicTracerProvider,
  type ReadableSpan,
} from '@opentelemetry/sdk-trace-base';
import { describe, expect, it } from 'vitest';
import { BoundedMemoryExporter } from '../src/index.js';
import { MemorySpanProcessor } from '../src/memory-span-processor.js';

function setup(maxSpans: number) {
  const memory = new BoundedMemoryExporter(maxSpans);
  const processor = new MemorySpanProcessor(memory);
  const provider = new BasicTracerProvider({ spanProcessors: [processor] });
  const tracer = provider.getTracer('test');
  const endSpans = (count: number) => {
    for (let index = 0; index < count; index += 1) {
      tracer.startSpan(`span-${index}`).end();
    }
  };
  return { memory, processor, provider, endSpans };
}

describe('MemorySpanProcessor', () => {
  it('stores spans as they end', () => {
    const { memory, endSpans } = setup(10);

    endSpans(3);

    const names = memory.getFinishedSpans().map((span) => span.name);
    expect(names).toEqual(['span-0', 'span-1', 'span-2']);
  });

  it('counts spans past the bound', () => {
    const { memory, endSpans } = setup(2);

    endSpans(5);

    expect(memory.droppedCount).toBe(3);
    expect(memory.exportedCount).toBe(5);
    expect(memory.getFinishedSpans()).toHaveLength(2);
  });

  it('keeps the count across trims', () => {
    const { memory, endSpans } = setup(3);

    endSpans(20);

    expect(memory.droppedCount).toBe(17);
  });

  it('stores nothing after shutdown', async () => {
    const { memory, processor, endSpans } = setup(10);

    await processor.shutdown();
    endSpans(2);

    expect(memory.getFinishedSpans()).toHaveLength(0);
    expect(memory.exportedCount).toBe(0);
  });

  it('rejects a store after shutdown', async () => {
    const { memory, processor, provider } = setup(10);
    // The SDK's span class implements `ReadableSpan`.
    const span = provider.getTracer('test').startSpan('late') as unknown;
    await processor.shutdown();

    expect(memory.store(span as ReadableSpan)).toBe(false);
  });
});
