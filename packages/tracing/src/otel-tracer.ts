import type { TracingConfigOutput } from '@mm-orch/config';
import {
  type Attributes,
  type Context,
  context as globalContext,
  ROOT_CONTEXT,
  type Span,
  type SpanContext,
  type SpanOptions,
  type TextMapPropagator,
  TraceFlags,
  type Tracer,
  trace,
} from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import type {
  BasicTracerProvider,
  ReadableSpan,
} from '@opentelemetry/sdk-trace-base';
import { type BatchRequest, BatchSpan } from './batch-span.js';
import { createProvider } from './create-provider.js';
import { ExportStats } from './export-stats.js';
import {
  type GlobalTracing,
  registerGlobals,
  unregisterGlobals,
} from './global-registration.js';
import {
  createW3CPropagator,
  type HeaderCarrier,
  headerGetter,
  headerSetter,
} from './header-carrier.js';
import {
  type InferenceRequest,
  type InferenceSpan,
  NoopInferenceSpan,
  recordErrorType,
} from './inference-span.js';
import { RootSampler } from './root-sampler.js';
import { runInSpan } from './run-in-span.js';
import { createSpanPipeline, type SpanPipeline } from './span-pipeline.js';
import {
  type InferenceRunOptions,
  type SpanRunOptions,
  TRACER_SCOPE,
} from './span-run-options.js';
import { NOOP_SPAN, SpanRunner } from './span-runner.js';
import {
  type OTelTracerOptions,
  parseTracerOptions,
} from './tracer-options.js';
import { TracingError } from './tracing-error.js';
import { buildStatus, type TracingStatus } from './tracing-status.js';
import { type FlushResult, settleWithin } from './with-timeout.js';

const NOOP_INFERENCE_SPAN = new NoopInferenceSpan(NOOP_SPAN);

/**
 * Tracer for inference workflows on the OpenTelemetry SDK 2.x. Each instance
 * owns its provider, exporter and context manager, and touches no global
 * state unless `register()` is called.
 */
export class OTelTracer {
  /** Options after defaults are applied. */
  readonly config: TracingConfigOutput;
  /** The OpenTelemetry tracer, for spans this class has no helper for. */
  readonly tracer: Tracer;
  /** Provider of this instance; undefined when tracing is disabled. */
  readonly provider?: BasicTracerProvider;

  private readonly contextManager = new AsyncLocalStorageContextManager();
  private readonly propagator: TextMapPropagator = createW3CPropagator();
  private readonly pipeline?: SpanPipeline;
  private readonly rootSampler: RootSampler;
  private readonly runner?: SpanRunner;
  private readonly stats: ExportStats;
  private registered = false;
  private isShutdown = false;

  /**
   * Builds the provider and exporter from `options`, parsed with the
   * `TracingConfig` schema of `@mm-orch/config`.
   * @throws ConfigError with code `CONFIG_INVALID` when an option is
   * invalid.
   */
  constructor(options?: OTelTracerOptions) {
    const parsed = parseTracerOptions(options);
    this.config = parsed.config;
    this.contextManager.enable();
    this.rootSampler = new RootSampler(this.config.samplerRatio);

    this.stats = new ExportStats(
      parsed.logger,
      this.config.errorLogInterval,
      parsed.spanExporter ? 'custom' : this.config.exporter.type,
      () => this.pipeline?.processor.counts.droppedQueueFull ?? 0,
    );
    if (!this.config.enabled) {
      this.tracer = trace.getTracer(TRACER_SCOPE.name);
      return;
    }

    this.pipeline = createSpanPipeline(
      this.config,
      this.stats,
      parsed.spanExporter,
    );
    this.provider = createProvider(
      this.config,
      this.pipeline,
      this.rootSampler,
    );
    this.tracer = this.provider.getTracer(
      TRACER_SCOPE.name,
      TRACER_SCOPE.version,
    );
    this.runner = new SpanRunner(
      this.tracer,
      this.rootSampler,
      this.contextManager,
      this.stats,
    );
  }

  /** Whether this tracer records spans. */
  get enabled(): boolean {
    return this.config.enabled;
  }

  /**
   * Installs this tracer's provider, an AsyncLocalStorage context manager
   * and the W3C propagators as the OpenTelemetry globals, so that other
   * instrumentation joins its traces. Does nothing when disabled.
   * @throws TracingError with code `TRACING_ALREADY_REGISTERED` when another
   * provider, context manager or propagator is registered, or
   * `TRACING_SHUT_DOWN` after `shutdown()`.
   */
  register(): void {
    if (this.isShutdown) {
      throw new TracingError(
        'TRACING_SHUT_DOWN',
        'register() failed: this tracer is shut down. Create a new OTelTracer and register that one.',
      );
    }
    if (this.registered || !this.provider) {
      return;
    }

    registerGlobals(this.globals(this.provider));
    this.registered = true;
  }

  /** Removes the globals that `register()` installed, if it did. */
  unregister(): void {
    if (!this.registered || !this.provider) {
      return;
    }
    unregisterGlobals(this.globals(this.provider));
    this.registered = false;
  }

  /** Returns the context active in this tracer: its span and baggage. */
  activeContext(): Context {
    return this.contextManager.active();
  }

  /** Runs `fn` with `ctx` active, e.g. a context from `extract()`. */
  withContext<T>(ctx: Context, fn: () => T): T {
    return this.contextManager.with(ctx, fn);
  }

  /**
   * Starts a span under `parent` (the active context by default) without
   * making it active, for code that hands contexts on itself, such as a
   * request that passes through a queue. The caller ends the span. A root
   * that the sampler drops is a non-recording span with a new trace id,
   * built without the SDK, so unsampled requests stay cheap.
   */
  startSpan(name: string, options?: SpanOptions, parent?: Context): Span {
    if (!this.runner) {
      return NOOP_SPAN;
    }
    return this.runner.start(
      name,
      options,
      parent ?? this.contextManager.active(),
    );
  }

  /**
   * Runs `fn` inside a new active span and ends the span exactly once. When
   * `fn` throws or rejects, the span records the exception and ends with
   * status ERROR. The result or error of `fn` is returned or rethrown
   * unchanged.
   */
  withSpan<T>(
    name: string,
    attributes: Attributes | undefined,
    fn: (span: Span) => T,
    options?: SpanRunOptions,
  ): T {
    if (!this.runner) {
      return fn(NOOP_SPAN);
    }
    return this.runner.run(name, attributes, fn, options);
  }

  /**
   * Runs `fn` inside a span shaped by the OpenTelemetry GenAI semantic
   * conventions, named `{operation} {model}`. A failure also sets
   * `error.type`. `fn` records the response through the `InferenceSpan`.
   */
  traceInference<T>(
    request: InferenceRequest,
    fn: (span: InferenceSpan) => T,
    options?: InferenceRunOptions,
  ): T {
    // The recording path lives in its own method so that this one stays
    // small enough for V8 to inline, which keeps a disabled tracer cheap.
    if (!this.runner) {
      return fn(NOOP_INFERENCE_SPAN);
    }
    return this.runner.runInference(request, fn, options);
  }

  /**
   * Starts the span of a batch that serves several requests. It is a root
   * span with a link to each member, and each member span given records
   * the batch id and a link back. The caller ends it with `end()`.
   */
  startBatchSpan(request: BatchRequest): BatchSpan {
    if (!this.runner) {
      return new BatchSpan(NOOP_SPAN, request);
    }
    return this.runner.startBatch(request);
  }

  /**
   * Runs `fn` inside a batch span from `startBatchSpan()`, with the batch
   * span active, and ends it the way `withSpan()` does.
   */
  traceBatch<T>(request: BatchRequest, fn: (span: BatchSpan) => T): T {
    const batch = this.startBatchSpan(request);
    if (!this.provider) {
      return fn(batch);
    }

    const ctx = trace.setSpan(ROOT_CONTEXT, batch.span);
    return runInSpan(
      this.contextManager,
      ctx,
      batch.span,
      batch,
      fn,
      recordErrorType,
    );
  }

  /**
   * Reads `traceparent`, `tracestate` and `baggage` from request headers
   * and returns `base` (the active context by default) with them, so that
   * spans started under it continue the caller's trace.
   */
  extract(headers: HeaderCarrier, base?: Context): Context {
    const ctx = base ?? this.contextManager.active();
    return this.propagator.extract(ctx, headers, headerGetter);
  }

  /**
   * Writes `traceparent`, `tracestate` and `baggage` of `ctx` (the active
   * context by default) into outgoing headers, and returns the headers.
   */
  inject<C extends HeaderCarrier>(headers: C, ctx?: Context): C {
    const source = ctx ?? this.contextManager.active();
    this.propagator.inject(source, headers, headerSetter);
    return headers;
  }

  /**
   * Returns the span context of the active span, or undefined when there
   * is no valid one. Falls back to the global context when this tracer has
   * no active span, so that spans of other instrumentation count.
   */
  getActiveSpanContext(): SpanContext | undefined {
    const span =
      trace.getSpan(this.contextManager.active()) ??
      trace.getSpan(globalContext.active());
    const spanContext = span?.spanContext();
    if (!spanContext || !trace.isSpanContextValid(spanContext)) {
      return undefined;
    }
    return spanContext;
  }

  /**
   * Returns the trace id of the active span when it is sampled, for metric
   * exemplars. Returns undefined otherwise, because no backend stores an
   * unsampled trace that an exemplar could point to.
   */
  getActiveTraceId(): string | undefined {
    const spanContext = this.getActiveSpanContext();
    if (!spanContext || (spanContext.traceFlags & TraceFlags.SAMPLED) === 0) {
      return undefined;
    }
    return spanContext.traceId;
  }

  /**
   * Returns the finished spans held by the memory exporter, oldest first;
   * an empty list with any other exporter.
   */
  getFinishedSpans(): ReadableSpan[] {
    return this.pipeline?.memory?.getFinishedSpans() ?? [];
  }

  /** Removes every finished span from the memory exporter. */
  clearSpans(): void {
    this.pipeline?.memory?.reset();
  }

  /**
   * Exports every ended span now and waits for the exports in flight.
   * Resolves within `flushTimeout` even when the exporter hangs, and never
   * rejects.
   */
  forceFlush(): Promise<FlushResult> {
    const provider = this.provider;
    const pipeline = this.pipeline;
    if (!provider || !pipeline || this.isShutdown) {
      return Promise.resolve({ ok: true, timedOut: false });
    }

    const flush = () => provider.forceFlush().then(() => pipeline.idle());
    return settleWithin(flush, this.config.flushTimeout);
  }

  /**
   * Exports what is left, stops the exporter and unregisters the globals.
   * Resolves within `shutdownTimeout` even when the exporter hangs, and
   * never rejects. Spans that end afterwards are dropped and counted.
   */
  async shutdown(): Promise<FlushResult> {
    const provider = this.provider;
    if (this.isShutdown || !provider) {
      this.isShutdown = true;
      return { ok: true, timedOut: false };
    }

    this.isShutdown = true;
    this.unregister();
    return settleWithin(() => provider.shutdown(), this.config.shutdownTimeout);
  }

  /** Returns the tracer's counters and whether spans are being lost. */
  getStatus(): TracingStatus {
    const flags = {
      enabled: this.enabled,
      registered: this.registered,
      shutdown: this.isShutdown,
    };
    return buildStatus(flags, this.stats, this.pipeline);
  }

  private globals(provider: BasicTracerProvider): GlobalTracing {
    return {
      provider,
      contextManager: this.contextManager,
      propagator: this.propagator,
    };
  }
}
