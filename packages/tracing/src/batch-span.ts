import type { Attributes, Link, Span, SpanContext } from '@opentelemetry/api';
import {
  GEN_AI_ATTRIBUTES as GEN_AI,
  MM_ORCH_ATTRIBUTES as MM_ORCH,
} from './attributes.js';
import { InferenceSpan, recordErrorType } from './inference-span.js';
import { recordSpanError } from './run-in-span.js';

/**
 * A request served by a batch: its span, so that the span records the
 * batch, or only its span context, when the span is out of reach.
 */
export type BatchMember = InferenceSpan | Span | SpanContext;

/** Batch data, recorded when its span starts. */
export interface BatchRequest {
  /** Model that runs the batch, recorded as `gen_ai.request.model`. */
  model: string;
  /** GenAI operation name of the batched requests, if they share one. */
  operation?: string;
  /** Requests in the batch; the batch span links to each of them. */
  members: readonly BatchMember[];
  /** Batch id, recorded as `mm_orch.batch.id`; the span id if not given. */
  batchId?: string;
  /** Further attributes to set on the batch span. */
  attributes?: Attributes;
}

function memberSpan(member: BatchMember): Span | undefined {
  if (member instanceof InferenceSpan) {
    return member.span;
  }
  if (typeof (member as Span).spanContext === 'function') {
    return member as Span;
  }
  return undefined;
}

function memberContext(member: BatchMember): SpanContext {
  const span = memberSpan(member);
  return span ? span.spanContext() : (member as SpanContext);
}

/** Builds the name of a batch span: `batch {model}`. */
export function batchSpanName(request: BatchRequest): string {
  return `batch ${request.model}`;
}

/** Builds the links from a batch span to each member request. */
export function batchLinks(request: BatchRequest): Link[] {
  return request.members.map((member) => ({ context: memberContext(member) }));
}

/** Builds the start attributes of a batch span. */
export function batchAttributes(request: BatchRequest): Attributes {
  const attributes: Attributes = {
    ...request.attributes,
    [GEN_AI.requestModel]: request.model,
    [MM_ORCH.batchSize]: request.members.length,
  };
  if (request.operation !== undefined) {
    attributes[GEN_AI.operationName] = request.operation;
  }
  if (request.batchId !== undefined) {
    attributes[MM_ORCH.batchId] = request.batchId;
  }
  return attributes;
}

/**
 * Handle on the span of one batch. Creating it records the batch on every
 * member span given: the batch id, its trace id, the batch size and a link
 * back to the batch span.
 */
export class BatchSpan extends InferenceSpan {
  /** Id of the batch, as recorded on the batch span and its members. */
  readonly batchId: string;

  constructor(span: Span, request: BatchRequest) {
    super(span);
    const context = span.spanContext();
    this.batchId = request.batchId ?? context.spanId;
    span.setAttribute(MM_ORCH.batchId, this.batchId);

    const recorded: Attributes = {
      [MM_ORCH.batchId]: this.batchId,
      [MM_ORCH.batchTraceId]: context.traceId,
      [MM_ORCH.batchSize]: request.members.length,
    };
    for (const member of request.members) {
      const target = memberSpan(member);
      target?.setAttributes(recorded);
      target?.addLink({ context });
    }
  }

  /**
   * Ends the batch span, as failed when `error` is given. Ending twice is
   * ignored, as the OpenTelemetry spec prescribes.
   */
  end(error?: unknown): void {
    if (error !== undefined) {
      recordErrorType(this.span, error);
      recordSpanError(this.span, error);
    }
    this.span.end();
  }
}
