import type { TracingConfigOutput } from '@mm-orch/config';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import {
  BatchSpanProcessor,
  ConsoleSpanExporter,
  type SpanExporter,
} from '@opentelemetry/sdk-trace-base';
import { BoundedMemoryExporter } from './bounded-memory-exporter.js';
import { CountingSpanProcessor } from './counting-span-processor.js';
import { type ExportObserver, GuardedExporter } from './guarded-exporter.js';
import { MemorySpanProcessor } from './memory-span-processor.js';

type OTLPConfig = NonNullable<
  ConstructorParameters<typeof OTLPTraceExporter>[0]
>;

/** Name of the exporter in `getStatus()`. */
export type ExporterName = 'memory' | 'console' | 'otlp-http' | 'custom';

/** Span processor and exporter that one tracer sends its spans through. */
export interface SpanPipeline {
  /** Exporter that receives the spans. */
  exporterName: ExporterName;
  /** Processor to install in the provider, which also counts spans. */
  processor: CountingSpanProcessor;
  /** The memory exporter, when the config selects it. */
  memory?: BoundedMemoryExporter;
  /**
   * Resolves when the exports in flight have finished. The batch processor's
   * `forceFlush()` exports the queued spans but does not wait for an export
   * that its timer already started.
   */
  idle(): Promise<void>;
}

// The guarded exporter fails a hanging export first, so that the batch
// processor receives an ordinary failure instead of its own bare timeout.
const BATCH_TIMEOUT_MARGIN_MS = 1_000;

function createExporter(
  config: TracingConfigOutput,
  custom: SpanExporter | undefined,
): { name: ExporterName; exporter: SpanExporter } {
  if (custom) {
    return { name: 'custom', exporter: custom };
  }

  const exporter = config.exporter;
  if (exporter.type === 'otlp-http') {
    const otlp = new OTLPTraceExporter({
      url: exporter.url,
      headers: exporter.headers,
      timeoutMillis: exporter.timeout,
      concurrencyLimit: exporter.concurrencyLimit,
      // The exporter's `CompressionAlgorithm` enum has the values 'none'
      // and 'gzip', which the config schema accepts as plain strings.
      compression: exporter.compression as OTLPConfig['compression'],
    });
    return { name: 'otlp-http', exporter: otlp };
  }
  // `createSpanPipeline` handles the memory type before calling this.
  return { name: 'console', exporter: new ConsoleSpanExporter() };
}

/**
 * Builds the processor chain for `config`: the memory exporter behind a
 * processor that stores each span as it ends, and any
 * other exporter behind a guarded batch processor.
 */
export function createSpanPipeline(
  config: TracingConfigOutput,
  observer: Omit<ExportObserver, 'onExportStart'>,
  customExporter?: SpanExporter,
): SpanPipeline {
  if (config.exporter.type === 'memory' && !customExporter) {
    const memory = new BoundedMemoryExporter(config.exporter.maxSpans);
    const processor = new CountingSpanProcessor(
      new MemorySpanProcessor(memory),
    );
    // Spans are stored synchronously, so no export is ever in flight.
    const idle = () => Promise.resolve();
    return { exporterName: 'memory', processor, memory, idle };
  }

  const { name, exporter } = createExporter(config, customExporter);
  const batch = config.batch;
  let counting: CountingSpanProcessor | undefined;
  const guarded = new GuardedExporter(exporter, batch.exportTimeout, {
    onExportStart: (count) => counting?.takeFromQueue(count),
    onExportSuccess: (count) => observer.onExportSuccess(count),
    onExportFailure: (kind, error, count) =>
      observer.onExportFailure(kind, error, count),
  });
  const batchProcessor = new BatchSpanProcessor(guarded, {
    maxQueueSize: batch.maxQueueSize,
    maxExportBatchSize: batch.maxExportBatchSize,
    scheduledDelayMillis: batch.scheduledDelay,
    exportTimeoutMillis: batch.exportTimeout + BATCH_TIMEOUT_MARGIN_MS,
  });
  counting = new CountingSpanProcessor(batchProcessor, batch.maxQueueSize);
  return {
    exporterName: name,
    processor: counting,
    idle: () => guarded.idle(),
  };
}
