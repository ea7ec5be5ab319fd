import { TraceFlags } from '@opentelemetry/api';
import type {
  ReadableSpan,
  Span,
  SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import type { BoundedMemoryExporter } from './bounded-memory-exporter.js';

/**
 * Span processor that stores each sampled span in a `BoundedMemoryExporter`
 * as it ends. It replaces the SDK's `SimpleSpanProcessor` in front of that
 * exporter, which in sdk-trace 2.12 runs an async export, tracks its promise
 * and enters a context with tracing suppressed for every span. The exporter
 * counts the spans that its bound pushes out.
 */
export class MemorySpanProcessor implements SpanProcessor {
  constructor(private readonly memory: BoundedMemoryExporter) {}

  onStart(_span: Span): void {}

  onEnd(span: ReadableSpan): void {
    if ((span.spanContext().traceFlags & TraceFlags.SAMPLED) === 0) {
      return;
    }
    this.memory.store(span);
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return this.memory.shutdown();
  }
}
