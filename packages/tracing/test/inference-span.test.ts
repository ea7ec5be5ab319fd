import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { errorType, OTelTracer } from '../src/index.js';

function onlySpan(tracer: OTelTracer) {
  const [span] = tracer.getFinishedSpans();
  if (!span) {
    throw new Error('no finished span');
  }
  return span;
}

describe('traceInference', () => {
  it('names the span operation and model', async () => {
    const tracer = new OTelTracer();

    await tracer.traceInference(
      { model: 'llama-3-8b', operation: 'chat' },
      async () => 'ok',
    );

    expect(onlySpan(tracer).name).toBe('chat llama-3-8b');
  });

  it('records the GenAI request attributes', () => {
    const tracer = new OTelTracer();

    tracer.traceInference(
      {
        model: 'llama-3-8b',
        operation: 'chat',
        provider: 'vllm',
        requestId: 'req-1',
        maxTokens: 256,
        temperature: 0.2,
        queueWaitMs: 12,
        queueDepth: 3,
        cacheHit: false,
        attributes: { tenant: 'acme' },
      },
      () => undefined,
    );

    expect(onlySpan(tracer).attributes).toEqual({
      'gen_ai.operation.name': 'chat',
      'gen_ai.request.model': 'llama-3-8b',
      'gen_ai.provider.name': 'vllm',
      'gen_ai.request.max_tokens': 256,
      'gen_ai.request.temperature': 0.2,
      'mm_orch.request.id': 'req-1',
      'mm_orch.queue.wait_ms': 12,
      'mm_orch.queue.depth': 3,
      'mm_orch.cache.hit': false,
      tenant: 'acme',
    });
  });

  it('records the response', async () => {
    const tracer = new OTelTracer();

    await tracer.traceInference(
      { model: 'llama-3-8b', operation: 'chat' },
      async (span) => {
        span.recordResponse({
          model: 'llama-3-8b-instruct',
          id: 'resp-9',
          inputTokens: 120,
          outputTokens: 48,
          finishReasons: ['stop'],
        });
      },
    );

    const attributes = onlySpan(tracer).attributes;
    expect(attributes['gen_ai.response.model']).toBe('llama-3-8b-instruct');
    expect(attributes['gen_ai.response.id']).toBe('resp-9');
    expect(attributes['gen_ai.usage.input_tokens']).toBe(120);
    expect(attributes['gen_ai.usage.output_tokens']).toBe(48);
    expect(attributes['gen_ai.response.finish_reasons']).toEqual(['stop']);
  });

  it('records queue and cache data', () => {
    const tracer = new OTelTracer();

    tracer.traceInference({ model: 'm', operation: 'chat' }, (span) =>
      span.recordQueue({ waitMs: 40, depth: 2 }).recordCacheHit(true),
    );

    const attributes = onlySpan(tracer).attributes;
    expect(attributes['mm_orch.queue.wait_ms']).toBe(40);
    expect(attributes['mm_orch.queue.depth']).toBe(2);
    expect(attributes['mm_orch.cache.hit']).toBe(true);
  });

  it('uses the client span kind', () => {
    const tracer = new OTelTracer();

    tracer.traceInference({ model: 'm', operation: 'chat' }, () => undefined);

    expect(onlySpan(tracer).kind).toBe(SpanKind.CLIENT);
  });

  it('records error.type on failure', async () => {
    const tracer = new OTelTracer();
    const error = Object.assign(new Error('queue full'), {
      code: 'QUEUE_FULL',
    });

    const promise = tracer.traceInference(
      { model: 'm', operation: 'chat' },
      async () => {
        throw error;
      },
    );

    await expect(promise).rejects.toBe(error);
    const span = onlySpan(tracer);
    expect(span.attributes['error.type']).toBe('QUEUE_FULL');
    expect(span.status.code).toBe(SpanStatusCode.ERROR);
  });

  it('nests under the active span', async () => {
    const tracer = new OTelTracer();

    await tracer.withSpan('POST /v1/infer', {}, () =>
      tracer.traceInference({ model: 'm', operation: 'chat' }, async () => 1),
    );

    const [inference, request] = tracer.getFinishedSpans();
    expect(inference?.parentSpanContext?.spanId).toBe(
      request?.spanContext().spanId,
    );
  });
});

describe('errorType', () => {
  it.each([
    [
      'string code',
      Object.assign(new Error('x'), { code: 'ETIMEDOUT' }),
      'ETIMEDOUT',
    ],
    ['class name', new TypeError('x'), 'TypeError'],
    ['plain Error', new Error('x'), '_OTHER'],
    ['non-error value', 'failed', '_OTHER'],
    ['numeric code', Object.assign(new Error('x'), { code: 500 }), '_OTHER'],
  ])('maps %s', (_title, error, expected) => {
    expect(errorType(error)).toBe(expected);
  });
});
