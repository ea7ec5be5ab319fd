import { type ExportResult, ExportResultCode } from '@opentelemetry/core';
import {
  InMemorySpanExporter,
  type ReadableSpan,
} from '@opentelemetry/sdk-trace-base';

/**
 * The SDK's `InMemorySpanExporter` with a bound: past `maxSpans` finished
 * spans the oldest are dropped and counted in `droppedCount`.
 */
export class BoundedMemoryExporter extends InMemorySpanExporter {
  private dropped = 0;
  private exported = 0;

  constructor(private readonly maxSpans: number) {
    super();
  }

  /** Number of spans dropped because the bound was reached. */
  get droppedCount(): number {
    const stored = super.getFinishedSpans().length;
    return this.dropped + Math.max(0, stored - this.maxSpans);
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

    // The base class returns its own array, so pushing to it stores spans
    // exactly where `reset()` and `shutdown()` clear them.
    const stored = super.getFinishedSpans();
    stored.push(span);
    this.exported += 1;
    // Trimming at twice the bound keeps the cost of a push constant.
    if (stored.length >= 2 * this.maxSpans) {
      this.trim();
    }
    return true;
  }

  override getFinishedSpans(): ReadableSpan[] {
    this.trim();
    return super.getFinishedSpans();
  }

  private trim(): void {
    const stored = super.getFinishedSpans();
    const excess = stored.length - this.maxSpans;
    if (excess > 0) {
      stored.splice(0, excess);
      this.dropped += excess;
    }
  }
}
