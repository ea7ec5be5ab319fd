import { type Context, TraceFlags } from '@opentelemetry/api';
import type {
  ReadableSpan,
  Span,
  SpanProcessor,
} from '@opentelemetry/sdk-trace-base';

/** Span counts kept by `CountingSpanProcessor`. */
export interface SpanCounts {
  /** Recording spans started. */
  started: number;
  /** Recording spans ended. */
  ended: number;
  /** Sampled spans dropped because the export queue was full. */
  droppedQueueFull: number;
  /** Sampled spans ended after `shutdown()`, which nothing exports. */
  droppedAfterShutdown: number;
  /** Internal errors of span processors, caught and counted. */
  processorErrors: number;
}

/**
 * Span processor that counts spans and delegates to the processor in front
 * of the exporter. With `maxQueueSize` it mirrors the queue of the SDK's
 * `BatchSpanProcessor`, which drops spans past that size without telling
 * anyone: a span ending while `queued` has reached the size is counted as
 * dropped, and `GuardedExporter` lowers `queued` when it takes a batch.
 */
export class CountingSpanProcessor implements SpanProcessor {
  /** Live counts, read by `getStatus()`. */
  readonly counts: SpanCounts = {
    started: 0,
    ended: 0,
    droppedQueueFull: 0,
    droppedAfterShutdown: 0,
    processorErrors: 0,
  };
  private queued = 0;
  private isShutdown = false;

  constructor(
    private readonly inner: SpanProcessor,
    private readonly maxQueueSize?: number,
  ) {}

  /** Records that the exporter took `count` spans out of the queue. */
  takeFromQueue(count: number): void {
    this.queued = Math.max(0, this.queued - count);
  }

  onStart(span: Span, parentContext: Context): void {
    this.counts.started += 1;
    try {
      this.inner.onStart(span, parentContext);
    } catch {
      this.counts.processorErrors += 1;
    }
  }

  onEnd(span: ReadableSpan): void {
    this.counts.ended += 1;
    const sampled = (span.spanContext().traceFlags & TraceFlags.SAMPLED) !== 0;
    if (sampled && !this.admit()) {
      return;
    }

    try {
      this.inner.onEnd(span);
    } catch {
      this.counts.processorErrors += 1;
    }
  }

  forceFlush(): Promise<void> {
    return this.inner.forceFlush();
  }

  shutdown(): Promise<void> {
    this.isShutdown = true;
    return this.inner.shutdown();
  }

  private admit(): boolean {
    if (this.isShutdown) {
      this.counts.droppedAfterShutdown += 1;
      return false;
    }
    if (this.maxQueueSize === undefined) {
      return true;
    }
    if (this.queued >= this.maxQueueSize) {
      this.counts.droppedQueueFull += 1;
      return false;
    }
    this.queued += 1;
    return true;
  }
}
