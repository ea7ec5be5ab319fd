import type { ExportFailureKind } from './export-failure.js';
import type { ExportStats } from './export-stats.js';
import type { ExporterName, SpanPipeline } from './span-pipeline.js';

/** Spans dropped, by reason. */
export interface DroppedSpans {
  /** Ended while the batch queue was full. */
  queueFull: number;
  /** Pushed out of the memory exporter by newer spans. */
  memoryLimit: number;
  /** Lost in an export that failed. */
  exportFailed: number;
  /** Ended after `shutdown()`. */
  afterShutdown: number;
}

/** Health and counters of one `OTelTracer`, from `getStatus()`. */
export interface TracingStatus {
  /** Whether the tracer records spans. */
  enabled: boolean;
  /** Exporter that receives the spans. */
  exporter: ExporterName;
  /** Whether `register()` installed this tracer globally. */
  registered: boolean;
  /** Whether `shutdown()` was called. */
  shutdown: boolean;
  /** Recording spans started. */
  spansStarted: number;
  /** Recording spans ended. */
  spansEnded: number;
  /** Spans the exporter accepted. */
  spansExported: number;
  /** Spans dropped for any reason: the sum of `droppedByReason`. */
  spansDropped: number;
  /** Spans dropped, by reason. */
  droppedByReason: DroppedSpans;
  /** Failed export calls. */
  exportFailures: number;
  /** Failed export calls per kind. */
  exportFailuresByKind: Record<ExportFailureKind, number>;
  /** Description of the latest export failure, if any. */
  lastExportError?: string;
  /** Span starts that threw inside the SDK; the work ran without them. */
  spanStartFailures: number;
  /** Whether spans are being lost right now. */
  degraded: boolean;
  /** Reason the tracer is degraded, when it is. */
  degradationReason?: string;
}

/** State flags of a tracer that `buildStatus()` copies into the status. */
export interface TracerFlags {
  enabled: boolean;
  registered: boolean;
  shutdown: boolean;
}

function degradationReason(
  stats: ExportStats,
  dropped: DroppedSpans,
  processorErrors: number,
): string | undefined {
  if (stats.lastExportFailed && stats.lastFailure) {
    const { kind, message } = stats.lastFailure;
    return `span export is failing (${kind}: ${message}), ${dropped.exportFailed} spans lost so far`;
  }
  if (dropped.queueFull > stats.queueDropsAtLastSuccess) {
    return `the batch queue is full, so ${dropped.queueFull} spans were dropped. Raise batch.maxQueueSize or check the exporter.`;
  }
  if (stats.lastStartFailed) {
    return `starting spans is failing (${stats.lastStartError}), ${stats.startFailures} spans not recorded so far`;
  }
  if (processorErrors > 0) {
    return `span processors raised ${processorErrors} errors, so some spans may be missing`;
  }
  return undefined;
}

/** Builds the status object of a tracer from its counters. */
export function buildStatus(
  flags: TracerFlags,
  stats: ExportStats,
  pipeline: SpanPipeline | undefined,
): TracingStatus {
  const counts = pipeline?.processor.counts;
  const memory = pipeline?.memory;
  const droppedByReason: DroppedSpans = {
    queueFull: counts?.droppedQueueFull ?? 0,
    memoryLimit: memory?.droppedCount ?? 0,
    exportFailed: stats.failedSpans,
    afterShutdown: counts?.droppedAfterShutdown ?? 0,
  };
  const spansDropped =
    droppedByReason.queueFull +
    droppedByReason.memoryLimit +
    droppedByReason.exportFailed +
    droppedByReason.afterShutdown;
  const reason = flags.enabled
    ? degradationReason(stats, droppedByReason, counts?.processorErrors ?? 0)
    : undefined;

  const status: TracingStatus = {
    ...flags,
    exporter: stats.exporterName,
    spansStarted: counts?.started ?? 0,
    spansEnded: counts?.ended ?? 0,
    spansExported: memory ? memory.exportedCount : stats.exported,
    spansDropped,
    droppedByReason,
    exportFailures: stats.failures,
    exportFailuresByKind: { ...stats.failuresByKind },
    spanStartFailures: stats.startFailures,
    degraded: reason !== undefined,
  };
  if (stats.lastFailure) {
    status.lastExportError = `${stats.lastFailure.kind}: ${stats.lastFailure.message}`;
  }
  if (reason !== undefined) {
    status.degradationReason = reason;
  }
  return status;
}
