import type { OTelTracer } from '@mm-orch/tracing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  fastSimulatedModel,
  postJson,
  type StartedApp,
  startApp,
} from '../support/start-app.js';

type ReadableSpan = ReturnType<OTelTracer['getFinishedSpans']>[number];

let started: StartedApp;

beforeAll(async () => {
  started = await startApp({
    models: [fastSimulatedModel('traced'), fastSimulatedModel('broken')],
    // 50 concurrent requests make about 200 spans, more than the app's
    // default of 100 kept in memory.
    tracing: {
      samplerRatio: 1,
      exporter: { type: 'memory', maxSpans: 2_000 },
    },
  });
  started.app.setFault('broken', { errorRate: 1 });
});

afterAll(async () => {
  await started.app.stop();
});

function spans(): ReadableSpan[] {
  return started.app.tracer!.getFinishedSpans();
}

/** Returns the spans of the trace whose root has request id `id`. */
function traceOf(id: string) {
  const root = spans().find(
    (span) => span.attributes['mm_orch.request.id'] === id,
  );
  if (!root) {
    throw new Error(`no root span for request ${id}`);
  }
  const { traceId, spanId } = root.spanContext();
  const children = spans().filter(
    (span) =>
      span.parentSpanContext?.spanId === spanId &&
      span.spanContext().traceId === traceId,
  );
  const byName = (prefix: string) =>
    children.find((span) => span.name.startsWith(prefix));
  return { root, children, byName };
}

let sent = 0;

async function complete(model: string, headers: Record<string, string> = {}) {
  sent += 1;
  const response = await postJson(
    `${started.url}/v1/completions`,
    { model, prompt: `trace me ${sent}`, max_tokens: 3 },
    headers,
  );
  return { ...response, id: response.headers.get('x-request-id') as string };
}

describe('tracing end to end', () => {
  it('builds the full span tree', async () => {
    const { id } = await complete('traced');
    const { root, children, byName } = traceOf(id);

    expect(root.name).toBe('POST /v1/completions');
    expect(children.map((span) => span.name).sort()).toEqual([
      'cache lookup',
      'model call traced',
      'queue wait',
    ]);
    const modelCall = byName('model call')!;
    const batch = spans().find((span) =>
      span.links.some(
        (link) => link.context.spanId === modelCall.spanContext().spanId,
      ),
    );
    expect(batch?.name).toBe('batch traced');
    expect(modelCall.links[0]?.context.spanId).toBe(
      batch?.spanContext().spanId,
    );
  });

  it('records errors on the model span', async () => {
    const { status, id } = await complete('broken');
    const { root, byName } = traceOf(id);

    expect(status).toBe(502);
    expect(byName('model call')?.status.code).toBe(2);
    expect(
      byName('model call')?.events.some((event) => event.name === 'exception'),
    ).toBe(true);
    expect(byName('queue wait')?.status.code).toBe(0);
    expect(root.status.code).toBe(2);
    expect(root.attributes['error.type']).toBe('MODEL_ERROR');
  });

  it('continues an incoming trace', async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const parentId = '00f067aa0ba902b7';
    const { id } = await complete('traced', {
      traceparent: `00-${traceId}-${parentId}-01`,
    });
    const { root } = traceOf(id);

    expect(root.spanContext().traceId).toBe(traceId);
    expect(root.parentSpanContext?.spanId).toBe(parentId);
  });

  it('records request attributes', async () => {
    const { id } = await complete('traced');
    const { root, byName } = traceOf(id);

    expect(root.attributes['gen_ai.request.model']).toBe('traced');
    expect(root.attributes['gen_ai.operation.name']).toBe('text_completion');
    expect(root.attributes['http.response.status_code']).toBe(200);
    expect(root.attributes['gen_ai.usage.output_tokens']).toBe(3);
    expect(byName('model call')?.attributes['gen_ai.usage.output_tokens']).toBe(
      3,
    );
    expect(byName('cache lookup')?.attributes['mm_orch.cache.hit']).toBe(false);
  });

  it('never cross-parents concurrent requests', async () => {
    const results = await Promise.all(
      Array.from({ length: 50 }, () => complete('traced')),
    );

    for (const { id } of results) {
      const { root, children } = traceOf(id);
      expect(children).toHaveLength(3);
      const foreign = spans().filter(
        (span) =>
          span.parentSpanContext?.spanId === root.spanContext().spanId &&
          span.spanContext().traceId !== root.spanContext().traceId,
      );
      expect(foreign).toHaveLength(0);
    }
  });
});
