import { setTimeout as sleep } from 'node:timers/promises';
import { SpanKind } from '@opentelemetry/api';
import { type ExportResult, ExportResultCode } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { OTelTracer, type OTelTracerOptions } from '../src/index.js';
import {
  attributeValue,
  OtlpReceiver,
  type OtlpSpan,
  refusedUrl,
} from './helpers/otlp-receiver.js';
import { createRecordingLogger } from './helpers/recording-logger.js';

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
process.on('unhandledRejection', onUnhandled);
afterAll(() => {
  process.off('unhandledRejection', onUnhandled);
});

const receivers: OtlpReceiver[] = [];
const tracers: OTelTracer[] = [];
afterEach(async () => {
  for (const tracer of tracers.splice(0)) {
    await tracer.shutdown();
  }
  for (const receiver of receivers.splice(0)) {
    await receiver.stop();
  }
});

async function startReceiver(mode: 'accept' | 'fail-500' | 'hang') {
  const receiver = await OtlpReceiver.start(mode);
  receivers.push(receiver);
  return receiver;
}

function otlpTracer(url: string, overrides: OTelTracerOptions = {}) {
  const tracer = new OTelTracer({
    serviceName: 'pipeline-test',
    serviceVersion: '9.9.9',
    exporter: { type: 'otlp-http', url, timeout: 300 },
    batch: { scheduledDelay: '1m', exportTimeout: '2s' },
    ...overrides,
  });
  tracers.push(tracer);
  return tracer;
}

function endSpans(tracer: OTelTracer, count: number) {
  for (let index = 0; index < count; index += 1) {
    tracer.withSpan('work', { index }, () => undefined);
  }
}

describe('OTLP round trip', () => {
  async function exportSample() {
    const receiver = await startReceiver('accept');
    const tracer = otlpTracer(receiver.url, {
      exporter: {
        type: 'otlp-http',
        url: receiver.url,
        headers: { 'x-api-key': 'test-key' },
      },
    });

    await tracer.withSpan(
      'POST /v1/infer',
      { 'http.request.method': 'POST' },
      () =>
        tracer.traceInference(
          { model: 'llama', operation: 'chat', maxTokens: 64 },
          async (span) => {
            tracer.startBatchSpan({ model: 'llama', members: [span] }).end();
            span.recordResponse({ outputTokens: 5, finishReasons: ['stop'] });
          },
        ),
      { kind: SpanKind.SERVER },
    );
    const failing = tracer.withSpan('failing', {}, async () => {
      throw new RangeError('bad prompt');
    });
    await failing.catch(() => undefined);
    const flushed = await tracer.forceFlush();

    const byName = new Map<string, OtlpSpan>(
      receiver.spans().map((span) => [span.name, span]),
    );
    return { receiver, flushed, byName };
  }

  it('sends JSON with the headers', async () => {
    const { receiver, flushed } = await exportSample();

    const headers = receiver.received[0]?.headers;
    expect(flushed.ok).toBe(true);
    expect(headers?.['content-type']).toBe('application/json');
    expect(headers?.['x-api-key']).toBe('test-key');
  });

  it('sends the resource and scope', async () => {
    const { receiver } = await exportSample();

    const resourceSpans = receiver.received[0]?.body.resourceSpans[0];
    const resource = resourceSpans?.resource.attributes ?? [];
    const scope = resourceSpans?.scopeSpans[0]?.scope;
    expect(attributeValue(resource, 'service.name')?.stringValue).toBe(
      'pipeline-test',
    );
    expect(attributeValue(resource, 'service.version')?.stringValue).toBe(
      '9.9.9',
    );
    expect(scope?.name).toBe('@mm-orch/tracing');
  });

  it('sends span ids and parents', async () => {
    const { byName } = await exportSample();

    const request = byName.get('POST /v1/infer');
    const inference = byName.get('chat llama');
    expect(request?.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(request?.spanId).toMatch(/^[0-9a-f]{16}$/);
    expect(request?.kind).toBe(2);
    expect(inference?.kind).toBe(3);
    expect(inference?.traceId).toBe(request?.traceId);
    expect(inference?.parentSpanId).toBe(request?.spanId);
    expect(BigInt(inference?.endTimeUnixNano ?? 0)).toBeGreaterThanOrEqual(
      BigInt(inference?.startTimeUnixNano ?? 1),
    );
  });

  it('sends GenAI attributes', async () => {
    const { byName } = await exportSample();

    const attributes = byName.get('chat llama')?.attributes ?? [];
    expect(
      attributeValue(attributes, 'gen_ai.request.model')?.stringValue,
    ).toBe('llama');
    expect(
      Number(attributeValue(attributes, 'gen_ai.request.max_tokens')?.intValue),
    ).toBe(64);
    expect(
      Number(
        attributeValue(attributes, 'gen_ai.usage.output_tokens')?.intValue,
      ),
    ).toBe(5);
    expect(
      attributeValue(attributes, 'gen_ai.response.finish_reasons')?.arrayValue
        ?.values[0]?.stringValue,
    ).toBe('stop');
  });

  it('sends batch links both ways', async () => {
    const { byName } = await exportSample();

    const batch = byName.get('batch llama');
    const inference = byName.get('chat llama');
    expect(batch?.links[0]?.spanId).toBe(inference?.spanId);
    expect(batch?.links[0]?.traceId).toBe(inference?.traceId);
    expect(inference?.links[0]?.spanId).toBe(batch?.spanId);
  });

  it('sends error status and event', async () => {
    const { byName } = await exportSample();

    const failing = byName.get('failing');
    expect(failing?.status.code).toBe(2);
    expect(failing?.status.message).toBe('bad prompt');
    expect(failing?.events[0]?.name).toBe('exception');
  });

  it('counts exported spans', async () => {
    const { receiver } = await exportSample();
    const tracer = tracers[0];

    expect(receiver.spans()).toHaveLength(4);
    expect(tracer?.getStatus().spansExported).toBe(4);
    expect(tracer?.getStatus().degraded).toBe(false);
  });
});

describe('exporter failures', () => {
  it('counts refused connections', async () => {
    const tracer = otlpTracer(await refusedUrl());

    endSpans(tracer, 3);
    await tracer.forceFlush();

    const status = tracer.getStatus();
    expect(status.exportFailuresByKind['connection-refused']).toBe(1);
    expect(status.droppedByReason.exportFailed).toBe(3);
    expect(status.degraded).toBe(true);
    expect(status.degradationReason).toMatch(/ECONNREFUSED/);
  });

  it('counts HTTP 500 answers', async () => {
    const receiver = await startReceiver('fail-500');
    const tracer = otlpTracer(receiver.url);

    endSpans(tracer, 2);
    await tracer.forceFlush();

    const status = tracer.getStatus();
    expect(status.exportFailuresByKind['http-error']).toBe(1);
    expect(status.lastExportError).toMatch(/HTTP 500/);
    expect(status.spansDropped).toBe(2);
  });

  it('times out a hanging collector', async () => {
    const receiver = await startReceiver('hang');
    const tracer = otlpTracer(receiver.url, {
      exporter: { type: 'otlp-http', url: receiver.url, timeout: '1m' },
      batch: { scheduledDelay: '1m', exportTimeout: 200 },
    });

    endSpans(tracer, 2);
    const flushed = await tracer.forceFlush();

    expect(flushed.ok).toBe(false);
    expect(tracer.getStatus().exportFailuresByKind.timeout).toBe(1);
  });

  it('keeps tracing while the collector hangs', async () => {
    const receiver = await startReceiver('hang');
    const tracer = otlpTracer(receiver.url, {
      exporter: { type: 'otlp-http', url: receiver.url, timeout: '1m' },
      batch: { maxExportBatchSize: 1, exportTimeout: '1m' },
      shutdownTimeout: 100,
    });

    endSpans(tracer, 1);
    await sleep(20);
    const result = await tracer.withSpan('during hang', {}, async () => 'ok');

    expect(receiver.received).toHaveLength(0);
    expect(result).toBe('ok');
  });

  it('contains a throwing exporter', async () => {
    const throwing: SpanExporter = {
      export() {
        throw new Error('exporter bug');
      },
      shutdown: async () => {},
    };
    const tracer = otlpTracer('http://127.0.0.1:1/v1/traces', {
      spanExporter: throwing,
    });

    endSpans(tracer, 2);
    const flushed = await tracer.forceFlush();

    const status = tracer.getStatus();
    expect(flushed.ok).toBe(false);
    expect(status.exporter).toBe('custom');
    expect(status.exportFailuresByKind['exporter-threw']).toBe(1);
    expect(status.lastExportError).toMatch(/exporter bug/);
  });

  it('returns the exporter error from flush', async () => {
    const bug = new Error('exporter bug');
    const throwing: SpanExporter = {
      export() {
        throw bug;
      },
      shutdown: async () => {},
    };
    const tracer = otlpTracer('http://127.0.0.1:1/v1/traces', {
      spanExporter: throwing,
    });

    endSpans(tracer, 2);
    const flushed = await tracer.forceFlush();

    expect(flushed.error).toBe(bug);
  });

  it('survives a throwing logger', async () => {
    const failure = new Error('backend rejected the spans');
    const failing: SpanExporter = {
      export(_spans, done) {
        setTimeout(() =>
          done({ code: ExportResultCode.FAILED, error: failure }),
        );
      },
      shutdown: async () => {},
    };
    const logger = createRecordingLogger();
    logger.warn = () => {
      throw new Error('logger failed');
    };
    const tracer = otlpTracer('http://127.0.0.1:1/v1/traces', {
      spanExporter: failing,
      logger,
    });

    endSpans(tracer, 2);
    const flushed = await tracer.forceFlush();

    expect(flushed.error).toBe(failure);
  });

  it('logs each kind once', async () => {
    const receiver = await startReceiver('fail-500');
    const logger = createRecordingLogger();
    const tracer = otlpTracer(receiver.url, { logger });

    for (let round = 0; round < 3; round += 1) {
      endSpans(tracer, 1);
      await tracer.forceFlush();
    }

    const warnings = logger.entries.filter((entry) => entry.level === 'warn');
    expect(tracer.getStatus().exportFailures).toBe(3);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.message).toMatch(/span export failed \(http-error\)/);
  });

  it('never logs header values', async () => {
    const receiver = await startReceiver('fail-500');
    const logger = createRecordingLogger();
    const tracer = otlpTracer(receiver.url, {
      logger,
      exporter: {
        type: 'otlp-http',
        url: receiver.url,
        headers: { authorization: 'Bearer secret-token' },
      },
    });

    endSpans(tracer, 1);
    await tracer.forceFlush();

    expect(logger.entries).toHaveLength(1);
    expect(JSON.stringify(logger.entries)).not.toMatch(/secret-token/);
  });

  it('recovers when the collector returns', async () => {
    const receiver = await startReceiver('fail-500');
    const tracer = otlpTracer(receiver.url);
    endSpans(tracer, 1);
    await tracer.forceFlush();

    receiver.mode = 'accept';
    endSpans(tracer, 1);
    await tracer.forceFlush();

    const status = tracer.getStatus();
    expect(status.degraded).toBe(false);
    expect(status.spansExported).toBe(1);
    expect(status.droppedByReason.exportFailed).toBe(1);
  });
});

describe('console exporter', () => {
  it('writes spans to the console', async () => {
    const dir = vi.spyOn(console, 'dir').mockImplementation(() => {});
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const tracer = new OTelTracer({ exporter: { type: 'console' } });
    tracers.push(tracer);

    endSpans(tracer, 2);
    await tracer.forceFlush();
    const calls = dir.mock.calls.length + log.mock.calls.length;
    dir.mockRestore();
    log.mockRestore();

    expect(tracer.getStatus().exporter).toBe('console');
    expect(tracer.getStatus().spansExported).toBe(2);
    expect(calls).toBe(2);
  });
});

describe('batch queue', () => {
  function stalledExporter(): SpanExporter {
    return {
      export(_spans: ReadableSpan[], _done: (result: ExportResult) => void) {},
      shutdown: async () => {},
    };
  }

  it('counts spans dropped when full', async () => {
    const tracer = otlpTracer('http://127.0.0.1:1/v1/traces', {
      spanExporter: stalledExporter(),
      batch: { maxQueueSize: 4, maxExportBatchSize: 2, exportTimeout: '10s' },
      shutdownTimeout: 100,
    });

    endSpans(tracer, 10);

    const status = tracer.getStatus();
    expect(status.droppedByReason.queueFull).toBe(4);
    expect(status.degraded).toBe(true);
    expect(status.degradationReason).toMatch(/batch queue is full/);
  });
});

describe('shutdown', () => {
  it('finishes under a hanging collector', async () => {
    const receiver = await startReceiver('hang');
    const tracer = otlpTracer(receiver.url, {
      exporter: { type: 'otlp-http', url: receiver.url, timeout: '1m' },
      batch: { scheduledDelay: '1m', exportTimeout: '1m' },
      shutdownTimeout: 200,
    });
    endSpans(tracer, 3);

    const result = await tracer.shutdown();

    expect(result.ok).toBe(false);
    expect(result.timedOut).toBe(true);
  });

  it('waits for exports in flight', async () => {
    let finishExport = () => {};
    let exportStarted = () => {};
    const started = new Promise<void>((resolve) => {
      exportStarted = resolve;
    });
    const slow: SpanExporter = {
      export(_spans, done) {
        finishExport = () => done({ code: ExportResultCode.SUCCESS });
        exportStarted();
      },
      shutdown: async () => {},
    };
    const tracer = otlpTracer('http://127.0.0.1:1/v1/traces', {
      spanExporter: slow,
      batch: { scheduledDelay: 1, exportTimeout: '2s' },
    });
    endSpans(tracer, 1);
    await started;

    const flushing = tracer.forceFlush();
    setImmediate(() => finishExport());
    await flushing;

    expect(tracer.getStatus().spansExported).toBe(1);
  });

  it('bounds forceFlush the same way', async () => {
    const receiver = await startReceiver('hang');
    const tracer = otlpTracer(receiver.url, {
      exporter: { type: 'otlp-http', url: receiver.url, timeout: '1m' },
      batch: { scheduledDelay: '1m', exportTimeout: '1m' },
      flushTimeout: 200,
      shutdownTimeout: 100,
    });
    endSpans(tracer, 3);

    const result = await tracer.forceFlush();

    expect(result.timedOut).toBe(true);
  });

  it('counts spans ended afterwards', async () => {
    const receiver = await startReceiver('accept');
    const tracer = otlpTracer(receiver.url);
    endSpans(tracer, 2);
    const result = await tracer.shutdown();

    endSpans(tracer, 3);

    const status = tracer.getStatus();
    expect(result.ok).toBe(true);
    expect(receiver.spans()).toHaveLength(2);
    expect(status.droppedByReason.afterShutdown).toBe(3);
    expect(status.shutdown).toBe(true);
  });
});

describe('unhandled rejections', () => {
  it('raises none in this file', async () => {
    await sleep(50);

    expect(unhandled).toEqual([]);
  });
});
