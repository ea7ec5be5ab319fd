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
  type SpanOptions,
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
      try {
        this.startRootSpan(sinks.tracer);
      } catch (error) {
        sinks.failures.record('tracing', error);
      }
    }
  }

  /** Trace id of a sampled request, used as a metric exemplar. */
  get traceId(): string | undefined {
    return this.rootSpan?.spanContext().traceId;
  }

  cacheLookup(hit: boolean): void {
    const { exporter } = this.sinks;
    if (exporter) {
      try {
        exporter.recordCache({ model: this.info.model, hit });
      } catch (error) {
        this.sinks.failures.record('metrics', error);
      }
    }
    if (this.rootSpan) {
      try {
        const span = this.startChild('cache lookup', INTERNAL_SPAN);
        span.setAttribute(MM_ORCH.cacheHit, hit);
        span.end();
      } catch (error) {
        this.sinks.failures.record('tracing', error);
      }
    }
  }

  queued(): void {
    this.queuedAt = performance.now();
    if (this.rootSpan) {
      try {
        this.queueSpan = this.startChild('queue wait', INTERNAL_SPAN);
      } catch (error) {
        this.sinks.failures.record('tracing', error);
      }
    }
  }

  batched(size: number, at = performance.now()): void {
    this.batchedAt = at;
    this.batchSize = size;
    if (!this.rootSpan) {
      return;
    }

    try {
      this.queueSpan?.setAttribute(MM_ORCH.batchSize, size);
      this.queueSpan?.end();
      this.queueSpan = undefined;
      const span = this.startChild(
        `model call ${this.info.model}`,
        CLIENT_SPAN,
      );
      span.setAttribute(GEN_AI.operationName, operationName(this.info.kind));
      span.setAttribute(GEN_AI.requestModel, this.info.model);
      this.modelSpan = span;
    } catch (error) {
      this.sinks.failures.record('tracing', error);
    }
  }

  firstToken(): void {
    this.firstTokenAt ??= performance.now();
  }

  end(outcome: RequestOutcome): void {
    const endedAt = performance.now();
    const { failures } = this.sinks;
    if (this.rootSpan) {
      try {
        this.endSpans(this.rootSpan, outcome);
      } catch (error) {
        failures.record('tracing', error);
      }
    }
    if (this.sinks.exporter) {
      try {
        this.recordMetrics(this.sinks.exporter, outcome, endedAt);
      } catch (error) {
        failures.record('metrics', error);
      }
    }
    if (this.sinks.monitor && !outcome.cached && isServed(outcome)) {
      try {
        this.recordAnomalyInput(this.sinks.monitor, outcome, endedAt);
      } catch (error) {
        failures.record('anomaly', error);
      }
    }
  }

  /**
   * Starts the root span, and keeps it only when it records. A span that
   * the sampler drops starts no children, so the rest of the request skips
   * tracing. Attributes are set only on a recording span, which loses the
   * sampler nothing: it is parent-based with a trace-id ratio, and reads no
   * attributes.
   */
  private startRootSpan(tracer: OTelTracer): void {
    const parent = this.info.headers.traceparent
      ? tracer.extract(
          this.info.headers as Record<string, string>,
          ROOT_CONTEXT,
        )
      : ROOT_CONTEXT;
    const chat = this.info.kind === 'chat';
    const span = tracer.startSpan(
      chat ? CHAT_SPAN_NAME : COMPLETION_SPAN_NAME,
      SERVER_SPAN,
      parent,
    );
    if (!span.isRecording()) {
      return;
    }

    span
      .setAttribute('http.request.method', 'POST')
      .setAttribute('http.route', chat ? CHAT_PATH : COMPLETION_PATH)
      .setAttribute(GEN_AI.operationName, operationName(this.info.kind))
      .setAttribute(GEN_AI.requestModel, this.info.model)
      .setAttribute(MM_ORCH.requestId, this.info.id)
      .setAttribute('mm_orch.request.stream', this.info.stream);
    this.rootSpan = span;
    this.rootContext = trace.setSpan(parent, span);
  }

  private startChild(name: string, options: SpanOptions): Span {
    const tracer = this.sinks.tracer as OTelTracer;
    return tracer.startSpan(name, options, this.rootContext);
  }

  private endSpans(root: Span, outcome: RequestOutcome): void {
    const failed = outcome.status !== 'ok';
    const open = this.modelSpan ?? this.queueSpan;
    if (failed && open && outcome.error !== undefined) {
      markError(open, outcome.error);
    }
    this.queueSpan?.end();
    const result = outcome.result;
    if (this.modelSpan) {
      if (result) {
        this.modelSpan
          .setAttribute(GEN_AI.usageInputTokens, result.promptTokens)
          .setAttribute(GEN_AI.usageOutputTokens, result.completionTokens)
          .setAttribute(GEN_AI.responseFinishReasons, [result.finishReason]);
      }
      this.modelSpan.end();
    }

    root
      .setAttribute('http.response.status_code', outcome.httpStatus)
      .setAttribute(MM_ORCH.cacheHit, outcome.cached);
    if (this.batchSize !== undefined) {
      root.setAttribute(MM_ORCH.batchSize, this.batchSize);
    }
    if (this.queuedAt !== undefined && this.batchedAt !== undefined) {
      root.setAttribute(MM_ORCH.queueWaitMs, this.batchedAt - this.queuedAt);
    }
    if (result) {
      root
        .setAttribute(GEN_AI.usageInputTokens, result.promptTokens)
        .setAttribute(GEN_AI.usageOutputTokens, result.completionTokens);
    }
    if (failed && outcome.error !== undefined) {
      markError(root, outcome.error);
    }
    root.end();
  }

  private recordMetrics(
    exporter: PrometheusExporter,
    outcome: RequestOutcome,
    endedAt: number,
  ): void {
    const result = outcome.result;

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

  private recordAnomalyInput(
    monitor: PerformanceMonitor,
    outcome: RequestOutcome,
    endedAt: number,
  ): void {
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

const COMPLETION_PATH = '/v1/completions';
const CHAT_PATH = '/v1/chat/completions';
const COMPLETION_SPAN_NAME = `POST ${COMPLETION_PATH}`;
const CHAT_SPAN_NAME = `POST ${CHAT_PATH}`;
// Span options shared by all requests. The SDK reads them and never writes.
const SERVER_SPAN: SpanOptions = { kind: SpanKind.SERVER };
const INTERNAL_SPAN: SpanOptions = { kind: SpanKind.INTERNAL };
const CLIENT_SPAN: SpanOptions = { kind: SpanKind.CLIENT };

/** Returns the seconds from `from` to `to`, or undefined if one is unset. */
function seconds(
  from: number | undefined,
  to: number | undefined,
): number | undefined {
  return from === undefined || to === undefined
    ? undefined
    : (to - from) / 1000;
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
