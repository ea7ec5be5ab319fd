import { type ExportResult, ExportResultCode } from '@opentelemetry/core';
import {
  InMemorySpanExporter,
  type ReadableSpan,
} from '@opentelemetry/sdk-trace-base';

/**
 * The SDK's `InMemorySpanExporter` with a bound: it keeps the newest
 * `maxSpans` finished spans in a ring, and counts the older ones it
 * overwrites in `droppedCount`. The ring keeps exactly the bound, never
 * more. Every span kept is memory that the garbage collector copies, and
 * once a span outlives the young generation, each full collection marks
 * it again.
 */
export class BoundedMemoryExporter extends InMemorySpanExporter {
  private ring: ReadableSpan[] = [];
  /** Index in `ring` of the oldest span once the ring is full. */
  private oldest = 0;
  private dropped = 0;
  private exported = 0;

  constructor(private readonly maxSpans: number) {
    super();
  }

  /** Number of spans dropped because the bound was reached. */
  get droppedCount(): number {
    return this.dropped;
  }

  /** Number of spans accepted since the exporter was created. */
  get exportedCount(): number {
    return this.exported;
  }

  /**
   * Stores `spans` and calls back at once. The base class calls back on a
   * timer, which would cost one timer per span behind a simple processor.
   */
  override export(
    spans: ReadableSpan[],
    resultCallback: (result: ExportResult) => void,
  ): void {
    if (this._stopped) {
      super.export(spans, resultCallback);
      return;
    }

    for (const span of spans) {
      this.store(span);
    }
    resultCallback({ code: ExportResultCode.SUCCESS });
  }

  /**
   * Stores one finished span without the export call and its callback, for
   * `MemorySpanProcessor`. Returns false and stores nothing after
   * `shutdown()`.
   */
  store(span: ReadableSpan): boolean {
    if (this._stopped) {
      return false;
    }

    this.exported += 1;
    if (this.ring.length < this.maxSpans) {
      this.ring.push(span);
      return true;
    }
    this.ring[this.oldest] = span;
    this.oldest = (this.oldest + 1) % this.maxSpans;
    this.dropped += 1;
    return true;
  }

  /** Returns the kept spans, oldest first, in a new array. */
  override getFinishedSpans(): ReadableSpan[] {
    if (this.oldest === 0) {
      return this.ring.slice();
    }
    return [
      ...this.ring.slice(this.oldest),
      ...this.ring.slice(0, this.oldest),
    ];
  }

  /** Removes every kept span. The counters keep their values. */
  override reset(): void {
    this.ring = [];
    this.oldest = 0;
    super.reset();
  }

  /** Removes every kept span and stores none after this. */
  override shutdown(): Promise<void> {
    this.reset();
    return super.shutdown();
  }
}
