import type { Context, Link, SpanKind } from '@opentelemetry/api';

/** Name and version of the instrumentation scope of every span. */
export const TRACER_SCOPE = { name: '@mm-orch/tracing', version: '0.1.0' };

/** Options of one span started by `withSpan()`. */
export interface SpanRunOptions {
  /** Span kind. @default SpanKind.INTERNAL */
  kind?: SpanKind;
  /** Links to other spans, set when the span starts. */
  links?: Link[];
  /** Parent context in place of the active one, such as from `extract()`. */
  parent?: Context;
}

/** Options of one span started by `traceInference()`. */
export interface InferenceRunOptions {
  /**
   * Span kind, CLIENT for a model behind a network call.
   * @default SpanKind.CLIENT
   */
  kind?: SpanKind;
  /** Parent context to use in place of the active one. */
  parent?: Context;
}
