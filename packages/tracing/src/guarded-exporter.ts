import { type ExportResult, ExportResultCode } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';
import {
  classifyExportError,
  type ExportFailureKind,
  ExportTimeoutError,
} from './export-failure.js';
import { settleWithin } from './with-timeout.js';

/** Callbacks through which `GuardedExporter` reports each export. */
export interface ExportObserver {
  /** Called with the spans handed to the exporter, before it runs. */
  onExportStart(count: number): void;
  /** Called when the exporter accepted `count` spans. */
  onExportSuccess(count: number): void;
  /** Called once per failed export with the spans it lost. */
  onExportFailure(kind: ExportFailureKind, error: unknown, count: number): void;
}

function toError(value: unknown): Error {
  return value instanceof Error ? value : new Error(String(value));
}

/**
 * Span exporter that wraps another one so that its failures stay inside:
 * a synchronous throw becomes a failed result, an export that never calls
 * back fails after `timeoutMs`, and `shutdown()` and `forceFlush()` resolve
 * within `timeoutMs` whatever the wrapped exporter does.
 */
export class GuardedExporter implements SpanExporter {
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly inner: SpanExporter,
    private readonly timeoutMs: number,
    private readonly observer: ExportObserver,
  ) {}

  export(
    spans: ReadableSpan[],
    resultCallback: (result: ExportResult) => void,
  ): void {
    const count = spans.length;
    let settled = false;
    let release = () => {};
    const done = new Promise<void>((resolve) => {
      release = resolve;
    });
    this.inFlight.add(done);

    const finish = (result: ExportResult, kind?: ExportFailureKind) => {
      if (settled) {
        return;
      }
      settled = true;
      clearTimeout(timer);
      this.inFlight.delete(done);
      release();

      if (result.code === ExportResultCode.SUCCESS) {
        this.observer.onExportSuccess(count);
      } else {
        const error = result.error ?? new Error('span export failed');
        const failureKind = kind ?? classifyExportError(error);
        this.observer.onExportFailure(failureKind, error, count);
      }
      resultCallback(result);
    };

    const timer = setTimeout(() => {
      const error = new ExportTimeoutError(this.timeoutMs);
      finish({ code: ExportResultCode.FAILED, error }, 'timeout');
    }, this.timeoutMs);
    timer.unref();

    this.observer.onExportStart(count);
    try {
      this.inner.export(spans, finish);
    } catch (error) {
      const failed = { code: ExportResultCode.FAILED, error: toError(error) };
      finish(failed, 'exporter-threw');
    }
  }

  /**
   * Resolves when every export started so far has finished, which takes at
   * most `timeoutMs` because a hanging export fails after it.
   */
  async idle(): Promise<void> {
    await Promise.all(this.inFlight);
  }

  async shutdown(): Promise<void> {
    await settleWithin(() => this.inner.shutdown(), this.timeoutMs);
  }

  async forceFlush(): Promise<void> {
    const flush = this.inner.forceFlush?.bind(this.inner);
    if (flush) {
      await settleWithin(flush, this.timeoutMs);
    }
  }
}
