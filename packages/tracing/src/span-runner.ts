import {
  type Attributes,
  type Context,
  type ContextManager,
  INVALID_SPAN_CONTEXT,
  ROOT_CONTEXT,
  type Span,
  SpanKind,
  type SpanOptions,
  type Tracer,
  trace,
} from '@opentelemetry/api';
import {
  type BatchRequest,
  BatchSpan,
  batchAttributes,
  batchLinks,
  batchSpanName,
} from './batch-span.js';
import {
  type InferenceRequest,
  InferenceSpan,
  inferenceAttributes,
  NoopInferenceSpan,
  recordErrorType,
} from './inference-span.js';
import type { RootSampler } from './root-sampler.js';
import { runInSpan } from './run-in-span.js';
import type {
  InferenceRunOptions,
  SpanRunOptions,
} from './span-run-options.js';

/** Receives the outcome of each recording span start. */
export interface StartFailureObserver {
  onStartSuccess(): void;
  onStartFailure(error: unknown): void;
}

/** Span of a disabled tracer: invalid, never recording. */
export const NOOP_SPAN: Span = trace.wrapSpanContext(INVALID_SPAN_CONTEXT);

/**
 * Starts and runs the spans of one enabled tracer. A root span that the
 * sampler drops is built by `RootSampler` without the SDK, so an unsampled
 * request costs no SDK span, no attribute object and no sampler call.
 */
export class SpanRunner {
  constructor(
    private readonly tracer: Tracer,
    private readonly rootSampler: RootSampler,
    private readonly contextManager: ContextManager,
    private readonly startFailures: StartFailureObserver,
  ) {}

  /** Starts a span under `parent` without making it active. */
  start(name: string, options: SpanOptions | undefined, parent: Context): Span {
    const from = options?.root ? trace.deleteSpan(parent) : parent;
    return (
      this.rootSampler.dropUnsampledRoot(from) ??
      this.startRecorded(name, from, options ?? {})
    );
  }

  /** Runs `fn` inside a new active span; see `OTelTracer.withSpan()`. */
  run<T>(
    name: string,
    attributes: Attributes | undefined,
    fn: (span: Span) => T,
    options: SpanRunOptions | undefined,
  ): T {
    const parent = options?.parent ?? this.contextManager.active();
    const unsampled = this.rootSampler.dropUnsampledRoot(parent);
    if (unsampled) {
      const ctx = trace.setSpan(parent, unsampled);
      return this.contextManager.with(ctx, fn, undefined, unsampled);
    }

    const span = this.startRecorded(name, parent, {
      attributes,
      kind: options?.kind,
      links: options?.links,
    });
    const ctx = trace.setSpan(parent, span);
    return runInSpan(this.contextManager, ctx, span, span, fn);
  }

  /** Runs `fn` inside a GenAI span; see `OTelTracer.traceInference()`. */
  runInference<T>(
    request: InferenceRequest,
    fn: (span: InferenceSpan) => T,
    options: InferenceRunOptions | undefined,
  ): T {
    const parent = options?.parent ?? this.contextManager.active();
    const unsampled = this.rootSampler.dropUnsampledRoot(parent);
    if (unsampled) {
      // A non-recording span ignores attributes and never exports, so none
      // are built, and ending it would do nothing.
      const ctx = trace.setSpan(parent, unsampled);
      const handle = new NoopInferenceSpan(unsampled);
      return this.contextManager.with(ctx, fn, undefined, handle);
    }

    const span = this.startRecorded(
      `${request.operation} ${request.model}`,
      parent,
      {
        attributes: inferenceAttributes(request),
        kind: options?.kind ?? SpanKind.CLIENT,
      },
    );
    const ctx = trace.setSpan(parent, span);
    const handle = new InferenceSpan(span);
    return runInSpan(
      this.contextManager,
      ctx,
      span,
      handle,
      fn,
      recordErrorType,
    );
  }

  /** Starts a batch span; see `OTelTracer.startBatchSpan()`. */
  startBatch(request: BatchRequest): BatchSpan {
    const unsampled = this.rootSampler.dropUnsampledRoot(ROOT_CONTEXT);
    if (unsampled) {
      return new BatchSpan(unsampled, request);
    }

    const span = this.startRecorded(batchSpanName(request), ROOT_CONTEXT, {
      attributes: batchAttributes(request),
      links: batchLinks(request),
      kind: SpanKind.INTERNAL,
    });
    return new BatchSpan(span, request);
  }

  /**
   * Starts an SDK span. Called right after `dropUnsampledRoot()` kept the
   * span, so that a sampled root takes the trace id preset for it.
   */
  private startRecorded(
    name: string,
    parent: Context,
    options: SpanOptions,
  ): Span {
    try {
      const span = this.tracer.startSpan(name, options, parent);
      this.startFailures.onStartSuccess();
      return span;
    } catch (error) {
      // The SDK throws here on some invalid options (a `links` value that
      // is not an array, an attribute getter that throws) and when a span
      // processor's onStart throws. The failure is counted, and the work
      // runs on under an invalid span, so its children start new traces.
      this.startFailures.onStartFailure(error);
      return NOOP_SPAN;
    } finally {
      this.rootSampler.clearPreset();
    }
  }
}
