import type { Logger } from '@mm-orch/config';
import {
  describeExportError,
  EXPORT_FAILURE_KINDS,
  type ExportFailureKind,
} from './export-failure.js';
import type { ExportObserver } from './guarded-exporter.js';
import { RateLimitedLog } from './rate-limited-log.js';
import { describeError } from './run-in-span.js';
import type { ExporterName } from './span-pipeline.js';

/**
 * Counts of exports and their failures, fed by `GuardedExporter`, and of
 * span starts that threw, fed by `SpanRunner`. Each failure is logged once
 * per kind and interval.
 */
export class ExportStats implements Omit<ExportObserver, 'onExportStart'> {
  /** Spans the exporter accepted. */
  exported = 0;
  /** Failed export calls. */
  failures = 0;
  /** Spans lost in failed export calls. */
  failedSpans = 0;
  /** Failed export calls per kind. */
  readonly failuresByKind = Object.fromEntries(
    EXPORT_FAILURE_KINDS.map((kind) => [kind, 0]),
  ) as Record<ExportFailureKind, number>;
  /** Kind and text of the latest failure, if any. */
  lastFailure?: { kind: ExportFailureKind; message: string };
  /** Whether the latest export call failed. */
  lastExportFailed = false;
  /** Queue-full drops counted when the latest export succeeded. */
  queueDropsAtLastSuccess = 0;
  /** Span starts that threw inside the SDK, whose spans were not recorded. */
  startFailures = 0;
  /** Text of the latest span start failure, if any. */
  lastStartError?: string;
  /** Whether the latest recording span start threw. */
  lastStartFailed = false;

  private readonly log: RateLimitedLog;

  constructor(
    logger: Logger,
    logIntervalMs: number,
    /** Exporter that the counts are about. */
    readonly exporterName: ExporterName,
    private readonly readQueueDrops: () => number,
  ) {
    this.log = new RateLimitedLog(logger, logIntervalMs);
  }

  onExportSuccess(count: number): void {
    this.exported += count;
    this.lastExportFailed = false;
    this.queueDropsAtLastSuccess = this.readQueueDrops();
  }

  onExportFailure(kind: ExportFailureKind, error: unknown, count: number) {
    const message = describeExportError(error);
    this.failures += 1;
    this.failedSpans += count;
    this.failuresByKind[kind] += 1;
    this.lastFailure = { kind, message };
    this.lastExportFailed = true;

    const fields = {
      exporter: this.exporterName,
      error: message,
      droppedSpans: count,
      failures: this.failuresByKind[kind],
    };
    this.log.warn(
      kind,
      fields,
      `span export failed (${kind}), so ${count} spans were dropped. Check that the backend of the ${this.exporterName} exporter is reachable.`,
    );
  }

  /** Counts a span start that threw, and logs it once per interval. */
  onStartFailure(error: unknown): void {
    const message = describeError(error);
    this.startFailures += 1;
    this.lastStartError = message;
    this.lastStartFailed = true;
    this.log.warn(
      'span-start',
      { error: message, failures: this.startFailures },
      'starting a span failed inside the OpenTelemetry SDK, so the work ran without it. Check the span options (attributes, links) and the span processors.',
    );
  }

  /** Notes that a recording span started, which ends a start failure. */
  onStartSuccess(): void {
    this.lastStartFailed = false;
  }
}
