import { ROOT_CONTEXT, SpanKind, TraceFlags, trace } from '@opentelemetry/api';
import { suppressTracing } from '@opentelemetry/core';
import {
  ParentBasedSampler,
  SamplingDecision,
  TraceIdRatioBasedSampler,
} from '@opentelemetry/sdk-trace-base';
import { describe, expect, it } from 'vitest';
import { OTelTracer } from '../src/index.js';
import { RootSampler } from '../src/root-sampler.js';

const TRACE_IDS = 20_000;

function sdkSamples(ratio: number, traceId: string): boolean {
  const sampler = new ParentBasedSampler({
    root: new TraceIdRatioBasedSampler(ratio),
  });
  const result = sampler.shouldSample(
    ROOT_CONTEXT,
    traceId,
    'root',
    SpanKind.INTERNAL,
    {},
    [],
  );
  return result.decision === SamplingDecision.RECORD_AND_SAMPLED;
}

/** Returns the trace id of one root decision and whether it was sampled. */
function decideRoot(sampler: RootSampler) {
  const unsampled = sampler.dropUnsampledRoot(ROOT_CONTEXT);
  if (unsampled) {
    return { traceId: unsampled.spanContext().traceId, sampled: false };
  }
  return { traceId: sampler.idGenerator.generateTraceId(), sampled: true };
}

describe('RootSampler', () => {
  it.each([0, 0.05, 0.5, 0.999])('matches ParentBased at %s', (ratio) => {
    const sampler = new RootSampler(ratio);
    let mismatches = 0;
    let sampled = 0;

    for (let index = 0; index < TRACE_IDS; index += 1) {
      const decision = decideRoot(sampler);
      if (decision.sampled !== sdkSamples(ratio, decision.traceId)) {
        mismatches += 1;
      }
      sampled += decision.sampled ? 1 : 0;
    }

    expect(mismatches).toBe(0);
    // Guards against a generator that only ever yields one decision.
    if (ratio > 0) {
      expect(sampled).toBeGreaterThan(0);
    }
  });

  it('presets a sampled trace id once', () => {
    const sampler = new RootSampler(0.999);
    let decision = decideRoot(sampler);
    while (!decision.sampled) {
      decision = decideRoot(sampler);
    }
    sampler.dropUnsampledRoot(ROOT_CONTEXT);
    const preset = sampler.idGenerator.generateTraceId();

    expect(sampler.idGenerator.generateTraceId()).not.toBe(preset);
  });

  it('leaves children to the SDK', () => {
    const sampler = new RootSampler(0);
    const parent = trace.setSpanContext(ROOT_CONTEXT, {
      traceId: '0af7651916cd43dd8448eb211c80319c',
      spanId: 'b7ad6b7169203331',
      traceFlags: TraceFlags.NONE,
    });

    expect(sampler.dropUnsampledRoot(parent)).toBeUndefined();
  });

  it('leaves suppressed tracing alone', () => {
    const sampler = new RootSampler(0);

    const result = sampler.dropUnsampledRoot(suppressTracing(ROOT_CONTEXT));

    expect(result).toBeUndefined();
  });

  it('skips the check at ratio 1', () => {
    const sampler = new RootSampler(1);

    expect(sampler.dropUnsampledRoot(ROOT_CONTEXT)).toBeUndefined();
  });
});

describe('OTelTracer root sampling', () => {
  it('records exactly the SDK-sampled roots', () => {
    const ratio = 0.3;
    const tracer = new OTelTracer({ samplerRatio: ratio });
    let mismatches = 0;

    for (let index = 0; index < 2_000; index += 1) {
      tracer.withSpan('root', {}, (span) => {
        const traceId = span.spanContext().traceId;
        if (span.isRecording() !== sdkSamples(ratio, traceId)) {
          mismatches += 1;
        }
      });
    }

    expect(mismatches).toBe(0);
  });

  it('exports only sampled roots', () => {
    const tracer = new OTelTracer({ samplerRatio: 0.3 });
    const sampledIds: string[] = [];

    for (let index = 0; index < 500; index += 1) {
      tracer.withSpan('root', {}, (span) => {
        if (span.isRecording()) {
          sampledIds.push(span.spanContext().traceId);
        }
      });
    }

    const exported = tracer.getFinishedSpans();
    const exportedIds = exported.map((span) => span.spanContext().traceId);
    expect(exportedIds).toEqual(sampledIds);
    expect(tracer.getStatus().spansStarted).toBe(sampledIds.length);
  });

  it('propagates an unsampled root', () => {
    const tracer = new OTelTracer({ samplerRatio: 0 });

    const headers = tracer.withSpan('root', {}, () =>
      tracer.inject<Record<string, string>>({}),
    );

    expect(headers.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-00$/);
  });

  it('continues an unsampled inference trace', async () => {
    const tracer = new OTelTracer({ samplerRatio: 0 });

    const [root, child] = await tracer.traceInference(
      { model: 'm', operation: 'chat' },
      async (span) => {
        await Promise.resolve();
        const inner = tracer.withSpan('child', {}, (childSpan) =>
          childSpan.spanContext(),
        );
        return [span.spanContext(), inner];
      },
    );

    expect(trace.isSpanContextValid(root)).toBe(true);
    expect(root.traceFlags).toBe(TraceFlags.NONE);
    expect(child.traceId).toBe(root.traceId);
    expect(child.spanId).not.toBe(root.spanId);
    expect(tracer.getFinishedSpans()).toHaveLength(0);
  });

  it('passes errors of unsampled roots', async () => {
    const tracer = new OTelTracer({ samplerRatio: 0 });
    const error = new Error('model failed');

    const run = tracer.traceInference({ model: 'm', operation: 'chat' }, () =>
      Promise.reject(error),
    );

    await expect(run).rejects.toBe(error);
  });

  it('keeps an extracted sampled parent', () => {
    const tracer = new OTelTracer({ samplerRatio: 0 });
    const parent = tracer.extract({
      traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
    });

    const recording = tracer.withSpan(
      'child',
      {},
      (span) => span.isRecording(),
      { parent },
    );

    expect(recording).toBe(true);
  });

  it('drops unsampled batch roots', () => {
    const tracer = new OTelTracer({ samplerRatio: 0 });

    const batch = tracer.startBatchSpan({ model: 'm', members: [] });
    batch.end();

    expect(batch.span.isRecording()).toBe(false);
    expect(tracer.getStatus().spansStarted).toBe(0);
  });
});
