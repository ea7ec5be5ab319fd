import { propagation } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { OTelTracer } from '../src/index.js';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const PARENT_ID = '00f067aa0ba902b7';
const INCOMING = {
  traceparent: `00-${TRACE_ID}-${PARENT_ID}-01`,
  tracestate: 'vendor=abc',
  baggage: 'tenant=acme',
};

describe('extract', () => {
  it('continues the incoming trace', () => {
    const tracer = new OTelTracer();

    const parent = tracer.extract(INCOMING);
    tracer.withSpan('handler', {}, () => undefined, { parent });

    const [span] = tracer.getFinishedSpans();
    expect(span?.spanContext().traceId).toBe(TRACE_ID);
    expect(span?.parentSpanContext?.spanId).toBe(PARENT_ID);
    expect(span?.parentSpanContext?.isRemote).toBe(true);
  });

  it('reads baggage', () => {
    const tracer = new OTelTracer();

    const ctx = tracer.extract(INCOMING);

    const entry = propagation.getBaggage(ctx)?.getEntry('tenant');
    expect(entry?.value).toBe('acme');
  });

  it('reads mixed-case header names', () => {
    const tracer = new OTelTracer();

    const ctx = tracer.extract({ TraceParent: INCOMING.traceparent });
    const traceId = tracer.withContext(ctx, () =>
      tracer.withSpan('handler', {}, (span) => span.spanContext().traceId),
    );

    expect(traceId).toBe(TRACE_ID);
  });

  it('reads a fetch Headers object', () => {
    const tracer = new OTelTracer();

    const ctx = tracer.extract(new Headers(INCOMING));
    const traceId = tracer.withSpan(
      'handler',
      {},
      (span) => span.spanContext().traceId,
      { parent: ctx },
    );

    expect(traceId).toBe(TRACE_ID);
  });

  it('reads the first of repeated headers', () => {
    const tracer = new OTelTracer();

    const ctx = tracer.extract({ traceparent: [INCOMING.traceparent] });
    const traceId = tracer.withSpan(
      'handler',
      {},
      (span) => span.spanContext().traceId,
      { parent: ctx },
    );

    expect(traceId).toBe(TRACE_ID);
  });

  it('ignores a malformed traceparent', () => {
    const tracer = new OTelTracer();

    const ctx = tracer.extract({ traceparent: 'not-a-trace' });
    const traceId = tracer.withSpan(
      'handler',
      {},
      (span) => span.spanContext().traceId,
      { parent: ctx },
    );

    expect(traceId).not.toBe(TRACE_ID);
    expect(traceId).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe('inject', () => {
  it('writes the active span', () => {
    const tracer = new OTelTracer();

    const { headers, spanId } = tracer.withSpan('client', {}, (span) => ({
      headers: tracer.inject({} as Record<string, string>),
      spanId: span.spanContext().spanId,
    }));

    expect(headers.traceparent).toMatch(
      new RegExp(`^00-[0-9a-f]{32}-${spanId}-01$`),
    );
  });

  it('forwards tracestate and baggage', () => {
    const tracer = new OTelTracer();
    const parent = tracer.extract(INCOMING);

    const headers = tracer.withSpan(
      'client',
      {},
      () => tracer.inject({} as Record<string, string>),
      { parent },
    );

    expect(headers.traceparent?.split('-')[1]).toBe(TRACE_ID);
    expect(headers.tracestate).toBe('vendor=abc');
    expect(headers.baggage).toBe('tenant=acme');
  });

  it('writes into a Headers object', () => {
    const tracer = new OTelTracer();
    const headers = new Headers();

    tracer.withSpan('client', {}, () => tracer.inject(headers));

    expect(headers.get('traceparent')).toMatch(/^00-[0-9a-f]{32}-/);
  });

  it('writes nothing outside spans', () => {
    const tracer = new OTelTracer();

    const headers = tracer.inject({} as Record<string, string>);

    expect(headers).toEqual({});
  });
});
