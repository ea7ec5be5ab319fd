import type { Attributes, Span, SpanContext } from '@opentelemetry/api';
import {
  GEN_AI_ATTRIBUTES as GEN_AI,
  MM_ORCH_ATTRIBUTES as MM_ORCH,
  OTHER_ERROR_TYPE,
} from './attributes.js';

/** Inference request data, recorded when its span starts. */
export interface InferenceRequest {
  /** Model name, recorded as `gen_ai.request.model`. */
  model: string;
  /**
   * GenAI operation name, such as `chat`, `text_completion` or
   * `embeddings`, recorded as `gen_ai.operation.name`.
   */
  operation: string;
  /** Model provider, recorded as `gen_ai.provider.name`. */
  provider?: string;
  /** mm-orch request id, recorded as `mm_orch.request.id`. */
  requestId?: string;
  /** Requested maximum output tokens (`gen_ai.request.max_tokens`). */
  maxTokens?: number;
  /** Requested sampling temperature (`gen_ai.request.temperature`). */
  temperature?: number;
  /** Time the request waited in the queue, in milliseconds. */
  queueWaitMs?: number;
  /** Number of requests queued ahead of this one when it arrived. */
  queueDepth?: number;
  /** Whether the response came from the cache. */
  cacheHit?: boolean;
  /** Further attributes to set on the span. */
  attributes?: Attributes;
}

/** Model response data, recorded on the span before it ends. */
export interface InferenceResponse {
  /** Model that produced the response (`gen_ai.response.model`). */
  model?: string;
  /** Response id from the model server (`gen_ai.response.id`). */
  id?: string;
  /** Tokens in the prompt (`gen_ai.usage.input_tokens`). */
  inputTokens?: number;
  /** Tokens generated (`gen_ai.usage.output_tokens`). */
  outputTokens?: number;
  /** Reasons the model stopped generating (`gen_ai.response.finish_reasons`). */
  finishReasons?: string[];
}

/** Builds the start attributes of an inference span. */
export function inferenceAttributes(request: InferenceRequest): Attributes {
  const attributes: Attributes = {
    ...request.attributes,
    [GEN_AI.operationName]: request.operation,
    [GEN_AI.requestModel]: request.model,
  };
  if (request.provider !== undefined) {
    attributes[GEN_AI.providerName] = request.provider;
  }
  if (request.requestId !== undefined) {
    attributes[MM_ORCH.requestId] = request.requestId;
  }
  if (request.maxTokens !== undefined) {
    attributes[GEN_AI.requestMaxTokens] = request.maxTokens;
  }
  if (request.temperature !== undefined) {
    attributes[GEN_AI.requestTemperature] = request.temperature;
  }
  if (request.queueWaitMs !== undefined) {
    attributes[MM_ORCH.queueWaitMs] = request.queueWaitMs;
  }
  if (request.queueDepth !== undefined) {
    attributes[MM_ORCH.queueDepth] = request.queueDepth;
  }
  if (request.cacheHit !== undefined) {
    attributes[MM_ORCH.cacheHit] = request.cacheHit;
  }
  return attributes;
}

/**
 * Returns the low-cardinality `error.type` of an error: its string `code`
 * when it has one, else its class name, else `_OTHER`.
 */
export function errorType(error: unknown): string {
  if (error !== null && typeof error === 'object') {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && code.length > 0) {
      return code;
    }
  }
  if (error instanceof Error && error.name !== 'Error') {
    return error.name;
  }
  return OTHER_ERROR_TYPE;
}

/** Sets `error.type` on a span that ends with `error`. */
export function recordErrorType(span: Span, error: unknown): void {
  span.setAttribute(GEN_AI.errorType, errorType(error));
}

/**
 * Handle on the span of one inference request, passed to the function that
 * `traceInference()` runs.
 */
export class InferenceSpan {
  constructor(
    /** The underlying OpenTelemetry span. */
    readonly span: Span,
  ) {}

  /** Returns the span context, for links and for batching. */
  spanContext(): SpanContext {
    return this.span.spanContext();
  }

  /** Records the model's response: usage, finish reasons, response ids. */
  recordResponse(response: InferenceResponse): this {
    const span = this.span;
    if (response.model !== undefined) {
      span.setAttribute(GEN_AI.responseModel, response.model);
    }
    if (response.id !== undefined) {
      span.setAttribute(GEN_AI.responseId, response.id);
    }
    if (response.inputTokens !== undefined) {
      span.setAttribute(GEN_AI.usageInputTokens, response.inputTokens);
    }
    if (response.outputTokens !== undefined) {
      span.setAttribute(GEN_AI.usageOutputTokens, response.outputTokens);
    }
    if (response.finishReasons !== undefined) {
      span.setAttribute(GEN_AI.responseFinishReasons, response.finishReasons);
    }
    return this;
  }

  /**
   * Records queue data known only once the request leaves the queue: the
   * wait in milliseconds and the queue depth it saw on arrival.
   */
  recordQueue(queue: { waitMs?: number; depth?: number }): this {
    if (queue.waitMs !== undefined) {
      this.span.setAttribute(MM_ORCH.queueWaitMs, queue.waitMs);
    }
    if (queue.depth !== undefined) {
      this.span.setAttribute(MM_ORCH.queueDepth, queue.depth);
    }
    return this;
  }

  /** Records whether the response came from the cache. */
  recordCacheHit(hit: boolean): this {
    this.span.setAttribute(MM_ORCH.cacheHit, hit);
    return this;
  }

  /** Sets further attributes on the span. */
  setAttributes(attributes: Attributes): this {
    this.span.setAttributes(attributes);
    return this;
  }
}

/**
 * Inference span of a disabled tracer, whose methods return at once so that
 * a disabled tracer costs as little as possible.
 */
export class NoopInferenceSpan extends InferenceSpan {
  override recordResponse(): this {
    return this;
  }

  override recordQueue(): this {
    return this;
  }

  override recordCacheHit(): this {
    return this;
  }

  override setAttributes(): this {
    return this;
  }
}
