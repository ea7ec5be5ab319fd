import {
  type Context,
  ROOT_CONTEXT,
  type Span,
  TraceFlags,
  trace,
} from '@opentelemetry/api';
import { isTracingSuppressed } from '@opentelemetry/core';
import {
  type IdGenerator,
  RandomIdGenerator,
  SamplingDecision,
  TraceIdRatioBasedSampler,
} from '@opentelemetry/sdk-trace-base';

/**
 * Id generator of the provider. A trace id handed to `presetTraceId()` is
 * returned by the next `generateTraceId()` call, so that the SDK starts a
 * root span under the trace id that `RootSampler` already sampled.
 */
export class PresetIdGenerator implements IdGenerator {
  private readonly random = new RandomIdGenerator();
  private preset: string | undefined;

  /** Sets the trace id that the next `generateTraceId()` returns. */
  presetTraceId(traceId: string | undefined): void {
    this.preset = traceId;
  }

  generateTraceId(): string {
    const preset = this.preset;
    if (preset === undefined) {
      return this.random.generateTraceId();
    }
    this.preset = undefined;
    return preset;
  }

  generateSpanId(): string {
    return this.random.generateSpanId();
  }
}

/**
 * Decides the sampling of a root span before the span and its attributes
 * are built. It calls the same `TraceIdRatioBasedSampler` that the
 * provider's `ParentBasedSampler` uses for roots, with the trace id that the
 * root will get, so both make the same decision for every trace id.
 */
export class RootSampler {
  /** Ratio sampler for roots, shared with the provider's sampler. */
  readonly ratioSampler: TraceIdRatioBasedSampler;
  /** Id generator to install in the provider. */
  readonly idGenerator = new PresetIdGenerator();
  private readonly samplesEveryRoot: boolean;

  constructor(ratio: number) {
    this.ratioSampler = new TraceIdRatioBasedSampler(ratio);
    this.samplesEveryRoot = ratio >= 1;
  }

  /**
   * Returns a non-recording span with a new valid trace context when a root
   * span under `parent` is not sampled, so the caller skips the SDK span.
   * Returns undefined when `parent` has a valid span, when tracing is
   * suppressed, or when the root is sampled. A sampled root's trace id is
   * preset in `idGenerator`, so the caller must start its SDK span next.
   */
  dropUnsampledRoot(parent: Context): Span | undefined {
    // A preset left by a root whose start threw must not reach this one.
    this.idGenerator.presetTraceId(undefined);
    if (this.samplesEveryRoot || isTracingSuppressed(parent)) {
      return undefined;
    }
    const parentSpan = trace.getSpan(parent);
    if (parentSpan && trace.isSpanContextValid(parentSpan.spanContext())) {
      return undefined;
    }

    const traceId = this.idGenerator.generateTraceId();
    const { decision } = this.ratioSampler.shouldSample(ROOT_CONTEXT, traceId);
    if (decision === SamplingDecision.RECORD_AND_SAMPLED) {
      this.idGenerator.presetTraceId(traceId);
      return undefined;
    }
    return trace.wrapSpanContext({
      traceId,
      spanId: this.idGenerator.generateSpanId(),
      traceFlags: TraceFlags.NONE,
    });
  }

  /** Clears a preset trace id that no span consumed. */
  clearPreset(): void {
    this.idGenerator.presetTraceId(undefined);
  }
}
