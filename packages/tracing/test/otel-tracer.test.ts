import { setTimeout as sleep } from 'node:timers/promises';
import { ConfigError } from '@mm-orch/config';
import {
  context,
  propagation,
  SpanKind,
  SpanStatusCode,
  trace,
} from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { afterEach, describe, expect, it } from 'vitest';
import { OTelTracer, type TracingError } from '../src/index.js';

function spanNamed(tracer: OTelTracer, name: string) {
  const span = tracer.getFinishedSpans().find((item) => item.name === name);
  if (!span) {
    throw new Error(`no finished span named ${name}`);
  }
  return span;
}

describe('withSpan', () => {
  it('nests spans across awaits', async () => {
    const tracer = new OTelTracer();

    await tracer.withSpan('parent', {}, async () => {
      await sleep(1);
      await tracer.withSpan('child', {}, async () => {
        await sleep(1);
        tracer.withSpan('grandchild', {}, () => undefined);
      });
    });

    const parent = spanNamed(tracer, 'parent');
    const child = spanNamed(tracer, 'child');
    const grandchild = spanNamed(tracer, 'grandchild');
    expect(parent.parentSpanContext).toBeUndefined();
    expect(child.parentSpanContext?.spanId).toBe(parent.spanContext().spanId);
    expect(grandchild.parentSpanContext?.spanId).toBe(
      child.spanContext().spanId,
    );
    expect(grandchild.spanContext().traceId).toBe(parent.spanContext().traceId);
  });

  it('keeps 1,000 concurrent requests apart', async () => {
    const tracer = new OTelTracer();
    const requestSpanIds = new Map<number, string>();

    const requests = Array.from({ length: 1_000 }, (_, index) =>
      tracer.withSpan('request', { index }, async (span) => {
        requestSpanIds.set(index, span.spanContext().spanId);
        await sleep(index % 7);
        await tracer.withSpan('step', { index }, async () => {
          await sleep(index % 3);
        });
        await Promise.resolve();
        tracer.withSpan('step', { index }, () => undefined);
      }),
    );
    await Promise.all(requests);

    const steps = tracer.getFinishedSpans().filter((s) => s.name === 'step');
    const crossed = steps.filter((step) => {
      const index = step.attributes.index as number;
      return step.parentSpanContext?.spanId !== requestSpanIds.get(index);
    });
    const traceIds = new Set(
      tracer.getFinishedSpans().map((span) => span.spanContext().traceId),
    );
    expect(steps).toHaveLength(2_000);
    expect(crossed).toHaveLength(0);
    expect(traceIds.size).toBe(1_000);
  });

  it('returns the result unchanged', async () => {
    const tracer = new OTelTracer();
    const value = { answer: 42 };

    const syncResult = tracer.withSpan('sync', {}, () => value);
    const asyncResult = await tracer.withSpan('async', {}, async () => value);

    expect(syncResult).toBe(value);
    expect(asyncResult).toBe(value);
  });

  it('records a thrown error', () => {
    const tracer = new OTelTracer();
    const error = new RangeError('bad input');

    const run = () =>
      tracer.withSpan('failing', {}, () => {
        throw error;
      });

    expect(run).toThrow(error);
    const span = spanNamed(tracer, 'failing');
    expect(span.status.code).toBe(SpanStatusCode.ERROR);
    expect(span.status.message).toBe('bad input');
    expect(span.events[0]?.name).toBe('exception');
    expect(span.events[0]?.attributes?.['exception.type']).toBe('RangeError');
  });

  it('records a rejection unchanged', async () => {
    const tracer = new OTelTracer();
    const error = new Error('model failed');

    const promise = tracer.withSpan('rejecting', {}, async () => {
      await sleep(1);
      throw error;
    });

    await expect(promise).rejects.toBe(error);
    const span = spanNamed(tracer, 'rejecting');
    expect(span.status.code).toBe(SpanStatusCode.ERROR);
    expect(span.ended).toBe(true);
  });

  it('records a non-Error rejection', async () => {
    const tracer = new OTelTracer();

    const promise = tracer.withSpan('odd', {}, () => Promise.reject(404));

    await expect(promise).rejects.toBe(404);
    expect(spanNamed(tracer, 'odd').status.message).toBe('404');
  });

  it('marks unprintable errors failed', () => {
    const tracer = new OTelTracer();
    // String() throws on an object without a prototype.
    const unprintable = Object.create(null);

    expect(() =>
      tracer.withSpan('unprintable', {}, () => {
        throw unprintable;
      }),
    ).toThrow();
    expect(spanNamed(tracer, 'unprintable').status.code).toBe(
      SpanStatusCode.ERROR,
    );
  });

  it('ends the span exactly once', () => {
    const tracer = new OTelTracer();

    tracer.withSpan('ended-by-hand', {}, (span) => span.end());

    expect(tracer.getFinishedSpans()).toHaveLength(1);
    expect(tracer.getStatus().spansEnded).toBe(1);
  });

  it('tolerates invalid attribute values', () => {
    const tracer = new OTelTracer();
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const attributes = { ok: 1, nested: { a: 1 }, cyclic } as never;

    const run = () =>
      tracer.withSpan('odd-attributes', attributes, (span) => {
        span.setAttribute('late', cyclic as never);
        return 'done';
      });

    expect(run()).toBe('done');
    const span = spanNamed(tracer, 'odd-attributes');
    expect(span.attributes).toEqual({ ok: 1 });
  });

  it('uses the given span kind', () => {
    const tracer = new OTelTracer();

    tracer.withSpan('server', {}, () => undefined, { kind: SpanKind.SERVER });

    expect(spanNamed(tracer, 'server').kind).toBe(SpanKind.SERVER);
  });
});

describe('getActiveTraceId', () => {
  it('returns the active trace id', () => {
    const tracer = new OTelTracer();

    const inside = tracer.withSpan('work', {}, (span) => ({
      active: tracer.getActiveTraceId(),
      own: span.spanContext().traceId,
    }));

    expect(inside.active).toBe(inside.own);
  });

  it('returns undefined outside spans', () => {
    const tracer = new OTelTracer();

    expect(tracer.getActiveTraceId()).toBeUndefined();
  });

  it('returns undefined when unsampled', () => {
    const tracer = new OTelTracer({ samplerRatio: 0 });

    const traceId = tracer.withSpan('work', {}, () =>
      tracer.getActiveTraceId(),
    );

    expect(traceId).toBeUndefined();
    expect(tracer.getFinishedSpans()).toHaveLength(0);
  });
});

describe('sampling', () => {
  it('follows a sampled remote parent', () => {
    const tracer = new OTelTracer({ samplerRatio: 0 });
    const parent = tracer.extract({
      traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
    });

    tracer.withSpan('continued', {}, () => undefined, { parent });

    expect(tracer.getFinishedSpans()).toHaveLength(1);
  });

  it('drops roots at ratio zero', () => {
    const tracer = new OTelTracer({ samplerRatio: 0 });

    tracer.withSpan('root', {}, () => undefined);

    expect(tracer.getStatus().spansStarted).toBe(0);
  });
});

describe('startSpan', () => {
  it('starts a child of the given parent without activating it', () => {
    const tracer = new OTelTracer();
    const root = tracer.startSpan('request', { kind: SpanKind.SERVER });
    const parent = trace.setSpan(context.active(), root);

    const child = tracer.startSpan('queue wait', undefined, parent);

    expect(tracer.activeContext()).not.toBe(parent);
    expect(trace.getSpan(tracer.activeContext())).toBeUndefined();
    child.end();
    root.end();
    const queue = spanNamed(tracer, 'queue wait');
    expect(queue.parentSpanContext?.spanId).toBe(root.spanContext().spanId);
    expect(spanNamed(tracer, 'request').kind).toBe(SpanKind.SERVER);
  });

  it('defaults to the active context as parent', () => {
    const tracer = new OTelTracer();

    tracer.withSpan('outer', {}, (outer) => {
      tracer.startSpan('inner').end();
      expect(spanNamed(tracer, 'inner').parentSpanContext?.spanId).toBe(
        outer.spanContext().spanId,
      );
    });
  });

  it('starts a new trace with the root option', () => {
    const tracer = new OTelTracer();

    tracer.withSpan('outer', {}, (outer) => {
      const span = tracer.startSpan('detached', { root: true });
      span.end();
      expect(span.spanContext().traceId).not.toBe(outer.spanContext().traceId);
      expect(spanNamed(tracer, 'detached').parentSpanContext).toBeUndefined();
    });
  });

  it('returns an unsampled root that carries a valid trace context', () => {
    const tracer = new OTelTracer({ samplerRatio: 0 });

    const span = tracer.startSpan('dropped', {
      attributes: { 'mm_orch.request.id': 'r1' },
    });

    expect(span.isRecording()).toBe(false);
    expect(trace.isSpanContextValid(span.spanContext())).toBe(true);
    expect(tracer.inject({}, trace.setSpan(context.active(), span))).toEqual({
      traceparent: `00-${span.spanContext().traceId}-${span.spanContext().spanId}-00`,
    });
    span.end();
    expect(tracer.getStatus().spansStarted).toBe(0);
  });

  it('follows a sampled remote parent at ratio zero', () => {
    const tracer = new OTelTracer({ samplerRatio: 0 });
    const parent = tracer.extract({
      traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
    });

    tracer.startSpan('continued', undefined, parent).end();

    expect(spanNamed(tracer, 'continued').spanContext().traceId).toBe(
      '4bf92f3577b34da6a3ce929d0e0e4736',
    );
  });

  it('keeps about the configured share of roots', () => {
    const tracer = new OTelTracer({ samplerRatio: 0.25 });

    let recording = 0;
    for (let index = 0; index < 4000; index += 1) {
      const span = tracer.startSpan('root');
      if (span.isRecording()) {
        recording += 1;
      }
      span.end();
    }

    // 4,000 draws at p = 0.25: mean 1,000, standard deviation about 27.
    expect(recording).toBeGreaterThan(880);
    expect(recording).toBeLessThan(1120);
    expect(tracer.getStatus().spansStarted).toBe(recording);
  });

  it('counts a start that throws in the SDK and recovers after it', () => {
    const warnings: string[] = [];
    const logger = {
      debug() {},
      info() {},
      warn: (...args: unknown[]) => {
        warnings.push(String(args.at(-1)));
      },
      error() {},
    };
    const tracer = new OTelTracer({ logger });
    const sdkStart = tracer.tracer.startSpan.bind(tracer.tracer);
    tracer.tracer.startSpan = () => {
      throw new Error('processor broken');
    };

    const span = tracer.startSpan('broken');
    const ran = tracer.withSpan('also broken', {}, () => 'ran');
    const failing = tracer.getStatus();
    tracer.tracer.startSpan = sdkStart;
    tracer.startSpan('fine').end();
    const recovered = tracer.getStatus();

    expect(span.isRecording()).toBe(false);
    expect(ran).toBe('ran');
    expect(failing.spanStartFailures).toBe(2);
    expect(failing.degraded).toBe(true);
    expect(failing.degradationReason).toMatch(/processor broken.*2 spans/);
    expect(warnings).toHaveLength(1);
    expect(recovered.degraded).toBe(false);
    expect(recovered.spanStartFailures).toBe(2);
  });

  it('survives a thrown object without a prototype', () => {
    const tracer = new OTelTracer();
    tracer.tracer.startSpan = () => {
      throw Object.create(null);
    };

    const span = tracer.startSpan('broken');

    expect(span.isRecording()).toBe(false);
    expect(tracer.getStatus().spanStartFailures).toBe(1);
    expect(tracer.getStatus().degradationReason).toMatch(/\[object Object\]/);
  });

  it('returns an invalid non-recording span when disabled', () => {
    const tracer = new OTelTracer({ enabled: false });

    const span = tracer.startSpan('off');

    expect(span.isRecording()).toBe(false);
    expect(trace.isSpanContextValid(span.spanContext())).toBe(false);
  });
});

describe('disabled tracer', () => {
  it('runs functions without spans', async () => {
    const tracer = new OTelTracer({ enabled: false });

    const value = await tracer.withSpan('work', {}, async () => 7);
    const inference = tracer.traceInference(
      { model: 'm', operation: 'chat' },
      (span) => span.recordResponse({ outputTokens: 3 }) && 'ok',
    );

    expect(value).toBe(7);
    expect(inference).toBe('ok');
    expect(tracer.getFinishedSpans()).toHaveLength(0);
    expect(tracer.getStatus().spansStarted).toBe(0);
  });

  it('still rethrows errors', () => {
    const tracer = new OTelTracer({ enabled: false });
    const error = new Error('boom');

    const run = () =>
      tracer.withSpan('work', {}, () => {
        throw error;
      });

    expect(run).toThrow(error);
  });
});

describe('resource', () => {
  it('carries the service name and version', () => {
    const tracer = new OTelTracer({
      serviceName: 'inference-api',
      serviceVersion: '1.2.3',
    });

    tracer.withSpan('work', {}, () => undefined);

    const resource = spanNamed(tracer, 'work').resource.attributes;
    expect(resource['service.name']).toBe('inference-api');
    expect(resource['service.version']).toBe('1.2.3');
  });
});

describe('constructor', () => {
  it('rejects invalid options', () => {
    const create = () =>
      new OTelTracer({ samplerRatio: 2, serviceNme: 'x' } as never);

    expect(create).toThrow(ConfigError);
    expect(create).toThrow(/samplerRatio/);
    expect(create).toThrow(/serviceNme/);
  });

  it('uses a stable error code', () => {
    let code: string | undefined;
    try {
      new OTelTracer({ exporter: { type: 'zipkin' } } as never);
    } catch (error) {
      code = (error as ConfigError).code;
    }

    expect(code).toBe('CONFIG_INVALID');
  });

  it('touches no global state', () => {
    const tracer = new OTelTracer();

    tracer.withSpan('work', {}, () => undefined);

    expect(trace.getSpan(context.active())).toBeUndefined();
    expect(
      trace.getTracerProvider().getTracer('probe').startSpan('x').isRecording(),
    ).toBe(false);
  });
});

describe('register', () => {
  const tracers: OTelTracer[] = [];
  afterEach(() => {
    for (const tracer of tracers.splice(0)) {
      tracer.unregister();
    }
  });

  it('installs the global provider', () => {
    const tracer = new OTelTracer();
    tracers.push(tracer);

    tracer.register();
    const span = trace.getTracer('other-library').startSpan('external');
    span.end();

    expect(spanNamed(tracer, 'external')).toBeDefined();
  });

  it('shares context with global instrumentation', () => {
    const tracer = new OTelTracer();
    tracers.push(tracer);
    tracer.register();

    tracer.withSpan('outer', {}, () => {
      trace.getTracer('other-library').startSpan('inner').end();
    });

    const outer = spanNamed(tracer, 'outer');
    const inner = spanNamed(tracer, 'inner');
    expect(inner.parentSpanContext?.spanId).toBe(outer.spanContext().spanId);
  });

  it('installs the W3C propagators', () => {
    const tracer = new OTelTracer();
    tracers.push(tracer);
    tracer.register();

    expect(propagation.fields()).toEqual([
      'traceparent',
      'tracestate',
      'baggage',
    ]);
  });

  it('fails when another is registered', () => {
    const first = new OTelTracer();
    const second = new OTelTracer();
    tracers.push(first, second);
    first.register();

    let error: TracingError | undefined;
    try {
      second.register();
    } catch (caught) {
      error = caught as TracingError;
    }

    expect(error?.code).toBe('TRACING_ALREADY_REGISTERED');
    expect(error?.message).toMatch(/tracer provider is already registered/);
  });

  it('leaves nothing half-registered', () => {
    const foreign = new AsyncLocalStorageContextManager();
    context.setGlobalContextManager(foreign);
    const tracer = new OTelTracer();
    tracers.push(tracer);

    let error: TracingError | undefined;
    try {
      tracer.register();
    } catch (caught) {
      error = caught as TracingError;
    }
    context.disable();

    expect(error?.message).toMatch(/context manager is already registered/);
    expect(trace.setGlobalTracerProvider(new BasicTracerProvider())).toBe(true);
    trace.disable();
  });

  it('keeps working after unregister', async () => {
    const tracer = new OTelTracer();
    tracer.register();
    tracer.unregister();

    await tracer.withSpan('parent', {}, async () => {
      await sleep(1);
      tracer.withSpan('child', {}, () => undefined);
    });

    const parent = spanNamed(tracer, 'parent');
    const child = spanNamed(tracer, 'child');
    expect(child.parentSpanContext?.spanId).toBe(parent.spanContext().spanId);
    expect(tracer.getStatus().registered).toBe(false);
  });

  it('fails after shutdown', async () => {
    const tracer = new OTelTracer();
    await tracer.shutdown();

    expect(() => tracer.register()).toThrow(/shut down/);
  });
});

describe('clearSpans', () => {
  it('empties the memory exporter', () => {
    const tracer = new OTelTracer();
    tracer.withSpan('work', {}, () => undefined);

    tracer.clearSpans();

    expect(tracer.getFinishedSpans()).toHaveLength(0);
  });
});
