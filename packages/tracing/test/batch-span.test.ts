import { setTimeout as sleep } from 'node:timers/promises';
import { SpanStatusCode } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { type InferenceSpan, OTelTracer } from '../src/index.js';

describe('startBatchSpan', () => {
  async function runBatch(tracer: OTelTracer) {
    const members: InferenceSpan[] = [];
    let release = () => {};
    const batchReady = new Promise<void>((resolve) => {
      release = resolve;
    });

    const requests = [0, 1, 2].map((index) =>
      tracer.traceInference(
        { model: 'llama', operation: 'chat', requestId: `req-${index}` },
        async (span) => {
          members.push(span);
          await batchReady;
        },
      ),
    );
    await sleep(1);
    const batch = tracer.startBatchSpan({ model: 'llama', members });
    batch.end();
    release();
    await Promise.all(requests);
    return { batch, members };
  }

  it('links to every member request', async () => {
    const tracer = new OTelTracer();

    const { batch, members } = await runBatch(tracer);

    const batchSpan = tracer
      .getFinishedSpans()
      .find((span) => span.name === 'batch llama');
    const linked = batchSpan?.links.map((link) => link.context.spanId);
    const expected = members.map((member) => member.spanContext().spanId);
    expect(linked).toEqual(expected);
    expect(batchSpan?.spanContext().spanId).toBe(
      batch.span.spanContext().spanId,
    );
  });

  it('starts a root span', async () => {
    const tracer = new OTelTracer();

    await runBatch(tracer);

    const batchSpan = tracer
      .getFinishedSpans()
      .find((span) => span.name === 'batch llama');
    expect(batchSpan?.parentSpanContext).toBeUndefined();
    expect(batchSpan?.attributes['mm_orch.batch.size']).toBe(3);
  });

  it('records the batch on members', async () => {
    const tracer = new OTelTracer();

    const { batch } = await runBatch(tracer);

    const requestSpans = tracer
      .getFinishedSpans()
      .filter((span) => span.name === 'chat llama');
    const batchContext = batch.span.spanContext();
    expect(requestSpans).toHaveLength(3);
    for (const span of requestSpans) {
      expect(span.attributes['mm_orch.batch.id']).toBe(batchContext.spanId);
      expect(span.attributes['mm_orch.batch.trace_id']).toBe(
        batchContext.traceId,
      );
      expect(span.links[0]?.context.spanId).toBe(batchContext.spanId);
    }
  });

  it('accepts bare span contexts', () => {
    const tracer = new OTelTracer();
    const context = tracer.withSpan('request', {}, (span) =>
      span.spanContext(),
    );

    tracer
      .startBatchSpan({ model: 'm', members: [context], batchId: 'b-7' })
      .end();

    const batchSpan = tracer.getFinishedSpans().at(-1);
    expect(batchSpan?.links[0]?.context.spanId).toBe(context.spanId);
    expect(batchSpan?.attributes['mm_orch.batch.id']).toBe('b-7');
  });

  it('counts links past the limit', () => {
    const tracer = new OTelTracer({ spanLimits: { linkCountLimit: 2 } });
    const contexts = [1, 2, 3].map(() =>
      tracer.withSpan('request', {}, (span) => span.spanContext()),
    );

    tracer.startBatchSpan({ model: 'm', members: contexts }).end();

    const batchSpan = tracer.getFinishedSpans().at(-1);
    expect(batchSpan?.links).toHaveLength(2);
    expect(batchSpan?.droppedLinksCount).toBe(1);
  });
});

describe('traceBatch', () => {
  it('nests model calls under the batch', async () => {
    const tracer = new OTelTracer();

    await tracer.traceBatch({ model: 'm', members: [] }, async () => {
      await sleep(1);
      tracer.withSpan('model call', {}, () => undefined);
    });

    const [call, batch] = tracer.getFinishedSpans();
    expect(call?.parentSpanContext?.spanId).toBe(batch?.spanContext().spanId);
  });

  it('records a failed batch', async () => {
    const tracer = new OTelTracer();
    const error = new TypeError('bad tensor');

    const promise = tracer.traceBatch({ model: 'm', members: [] }, async () => {
      throw error;
    });

    await expect(promise).rejects.toBe(error);
    const [batch] = tracer.getFinishedSpans();
    expect(batch?.status.code).toBe(SpanStatusCode.ERROR);
    expect(batch?.attributes['error.type']).toBe('TypeError');
  });
});
