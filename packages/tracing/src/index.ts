export type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
export {
  GEN_AI_ATTRIBUTES,
  MM_ORCH_ATTRIBUTES,
  OTHER_ERROR_TYPE,
} from './attributes.js';
export {
  type BatchMember,
  type BatchRequest,
  BatchSpan,
} from './batch-span.js';
export { BoundedMemoryExporter } from './bounded-memory-exporter.js';
export {
  classifyExportError,
  describeExportError,
  EXPORT_FAILURE_KINDS,
  type ExportFailureKind,
  ExportTimeoutError,
} from './export-failure.js';
export type { HeaderCarrier, HeadersLike } from './header-carrier.js';
export {
  errorType,
  type InferenceRequest,
  type InferenceResponse,
  InferenceSpan,
} from './inference-span.js';
export { OTelTracer } from './otel-tracer.js';
export { recordSpanError } from './run-in-span.js';
export type { ExporterName } from './span-pipeline.js';
export {
  type InferenceRunOptions,
  type SpanRunOptions,
  TRACER_SCOPE,
} from './span-run-options.js';
export type { OTelTracerOptions } from './tracer-options.js';
export { TracingError, type TracingErrorCode } from './tracing-error.js';
export type { DroppedSpans, TracingStatus } from './tracing-status.js';
export type { FlushResult } from './with-timeout.js';

/** Version of the @mm-orch/tracing package. */
export const VERSION = '0.1.0';
