import type { PerformanceMonitor } from '@mm-orch/anomaly';
import type { PrometheusExporter } from '@mm-orch/metrics';
import {
  errorType,
  GEN_AI_ATTRIBUTES as GEN_AI,
  MM_ORCH_ATTRIBUTES as MM_ORCH,
  type OTelTracer,
  recordSpanError,
} from '@mm-orch/tracing';
import {
  type Context,
  ROOT_CONTEXT,
  type Span,
  SpanKind,
  trace,
} from '@opentelemetry/api';
import type {
  RequestInfo,
  RequestMonitor,
  RequestOutcome,
} from '../inference/request-monitor.js';
import type { FailureTracker } from './failure-tracker.js';

/** Components that a request reports to, each of them optional. */
export interface RequestSinks {
  exporter: PrometheusExporter | undefined;
  tracer: OTelTracer | undefined;
  monitor: PerformanceMonitor | undefined;
  failures: FailureTracker;
  /** Clock of event times for the performance monitor. */
  clock: () => number;
}

/**
 * Monitoring of one request: its span tree (request, cache lookup, queue
 * wait, model call), its metrics and its anomaly-detection record. Each
 * step runs guarded, so a failing component only loses its own data.
 */
export class RequestObservation implements RequestMonitor {
  /** Model call span, linked from the batch span. */
  modelSpan: Span | undefined;
  private readonly startedAt = performance.now();
  private queuedAt: number | undefined;
  private batchedAt: number | undefined;
  private firstTokenAt: number | undefined;
  private batchSize: number | undefined;
  private rootSpan: Span | undefined;
  private rootContext: Context = ROOT_CONTEXT;
  private queueSpan: Span | undefined;

  constructor(
    private readonly sinks: RequestSinks,
    private readonly info: RequestInfo,
  ) {
    if (sinks.tracer?.enabled) {
      sinks.failures.run('tracing', () => this.startRootSpan(), undefined);
    }
  }

  /** Trace id of a sampled request, used as a metric exemplar. */
  get traceId(): string | undefined {
    const context = this.rootSpan?.spanContext();
    return this.rootSpan?.isRecording() ? context?.traceId : undefined;
  }

  cacheLookup(hit: boolean): void {
    const { exporter, failures } = this.sinks;
    if (exporter) {
      failures.run(
        'metrics',
        () => exporter.recordCache({ model: this.info.model, hit }),
        undefined,
      );
    }
    if (this.rootSpan?.isRecording()) {
      failures.run(
        'tracing',
        () => {
          const span = this.startChild('cache lookup', SpanKind.INTERNAL);
          span?.setAttribute(MM_ORCH.cacheHit, hit);
          span?.end();
        },
        undefined,
      );
    }
  }

  queued(): void {
    this.queuedAt = performance.now();
    if (this.rootSpan?.isRecording()) {
      this.queueSpan = this.sinks.failures.run(
        'tracing',
        () => this.startChild('queue wait', SpanKind.INTERNAL),
        undefined,
      );
    }
  }

  batched(size: number): void {
    this.batchedAt = performance.now();
    this.batchSize = size;
    if (!this.rootSpan?.isRecording()) {
      return;
    }

    this.sinks.failures.run(
      'tracing',
      () => {
        this.queueSpan?.setAttribute(MM_ORCH.batchSize, size);
        this.queueSpan?.end();
        this.queueSpan = undefined;
        this.modelSpan = this.startChild(
          `model call ${this.info.model}`,
          SpanKind.CLIENT,
        );
        this.modelSpan?.setAttributes({
          [GEN_AI.operationName]: operationName(this.info.kind),
          [GEN_AI.requestModel]: this.info.model,
        });
      },
      undefined,
    );
  }

  firstToken(): void {
    this.firstTokenAt ??= performance.now();
  }

  end(outcome: RequestOutcome): void {
    const endedAt = performance.now();
    const { failures } = this.sinks;
    if (this.rootSpan) {
      failures.run('tracing', () => this.endSpans(outcome), undefined);
    }
    if (this.sinks.exporter) {
      failures.run(
        'metrics',
        () => this.recordMetrics(outcome, endedAt),
        undefined,
      );
    }
    if (this.sinks.monitor && !outcome.cached && isServed(outcome)) {
      failures.run(
        'anomaly',
        () => this.recordAnomalyInput(outcome, endedAt),
        undefined,
      );
    }
  }

  private startRootSpan(): void {
    const tracer = this.sinks.tracer as OTelTracer;
    const parent = this.info.headers.traceparent
      ? tracer.extract(
          this.info.headers as Record<string, string>,
          ROOT_CONTEXT,
        )
      : ROOT_CONTEXT;
    const path =
      this.info.kind === 'chat' ? '/v1/chat/completions' : '/v1/completions';
    const span = tracer.tracer.startSpan(
      `POST ${path}`,
      {
        kind: SpanKind.SERVER,
        attributes: {
          'http.request.method': 'POST',
          'http.route': path,
          [GEN_AI.operationName]: operationName(this.info.kind),
          [GEN_AI.requestModel]: this.info.model,
          [MM_ORCH.requestId]: this.info.id,
          'mm_orch.request.stream': this.info.stream,
        },
      },
      parent,
    );
    this.rootSpan = span;
    this.rootContext = trace.setSpan(parent, span);
  }

  private startChild(name: string, kind: SpanKind): Span | undefined {
    const tracer = this.sinks.tracer;
    return tracer?.tracer.startSpan(name, { kind }, this.rootContext);
  }

  private endSpans(outcome: RequestOutcome): void {
    const root = this.rootSpan as Span;
    const failed = outcome.status !== 'ok';
    const open = this.modelSpan ?? this.queueSpan;
    if (failed && open && outcome.error !== undefined) {
      markError(open, outcome.error);
    }
    this.queueSpan?.end();
    if (this.modelSpan) {
      const result = outcome.result;
      if (result) {
        this.modelSpan.setAttributes({
          [GEN_AI.usageInputTokens]: result.promptTokens,
          [GEN_AI.usageOutputTokens]: result.completionTokens,
          [GEN_AI.responseFinishReasons]: [result.finishReason],
        });
      }
      this.modelSpan.end();
    }

    root.setAttribute('http.response.status_code', outcome.httpStatus);
    root.setAttribute(MM_ORCH.cacheHit, outcome.cached);
    if (this.batchSize !== undefined) {
      root.setAttribute(MM_ORCH.batchSize, this.batchSize);
    }
    if (this.queuedAt !== undefined && this.batchedAt !== undefined) {
      root.setAttribute(MM_ORCH.queueWaitMs, this.batchedAt - this.queuedAt);
    }
    if (outcome.result) {
      root.setAttributes({
        [GEN_AI.usageInputTokens]: outcome.result.promptTokens,
        [GEN_AI.usageOutputTokens]: outcome.result.completionTokens,
      });
    }
    if (failed && outcome.error !== undefined) {
      markError(root, outcome.error);
    }
    root.end();
  }

  private recordMetrics(outcome: RequestOutcome, endedAt: number): void {
    const exporter = this.sinks.exporter as PrometheusExporter;
    const result = outcome.result;
    const seconds = (from: number | undefined, to: number | undefined) =>
      from === undefined || to === undefined ? undefined : (to - from) / 1000;

    exporter.recordInference({
      model: this.info.model,
      durationSeconds: (endedAt - this.startedAt) / 1000,
      status: outcome.status,
      queueSeconds: seconds(this.queuedAt, this.batchedAt),
      ttftSeconds: this.info.stream
        ? seconds(this.startedAt, this.firstTokenAt)
        : undefined,
      inferenceSeconds: seconds(this.batchedAt, endedAt),
      inputTokens: result?.promptTokens,
      outputTokens: result?.completionTokens,
      batchSize: this.batchSize,
      finishReason: result?.finishReason,
      errorType: outcome.status === 'ok' ? undefined : errorType(outcome.error),
      traceId: this.traceId,
    });
  }

  private recordAnomalyInput(outcome: RequestOutcome, endedAt: number): void {
    const monitor = this.sinks.monitor as PerformanceMonitor;
    monitor.recordInference({
      model: this.info.model,
      latencySeconds: (endedAt - this.startedAt) / 1000,
      ok: outcome.status === 'ok',
      inputTokens: outcome.result?.promptTokens ?? this.info.inputTokens,
      outputTokens: outcome.result?.completionTokens,
      timestamp: this.sinks.clock(),
    });
  }
}

/**
 * Tells whether a request reached the model: served, failed or timed out.
 * Rejections (429, 503, 404) and cancellations carry no model latency.
 */
function isServed(outcome: RequestOutcome): boolean {
  return (
    outcome.status === 'ok' ||
    outcome.status === 'error' ||
    outcome.status === 'timeout'
  );
}

function operationName(kind: 'completion' | 'chat'): string {
  return kind === 'chat' ? 'chat' : 'text_completion';
}

function markError(span: Span, error: unknown): void {
  span.setAttribute(GEN_AI.errorType, errorType(error));
  recordSpanError(span, error);
}
