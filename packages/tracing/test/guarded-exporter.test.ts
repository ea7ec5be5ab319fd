import { type ExportResult, ExportResultCode } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ExportFailureKind } from '../src/export-failure.js';
import { GuardedExporter } from '../src/guarded-exporter.js';

type Callback = (result: ExportResult) => void;

function recordingObserver() {
  const events: Array<{
    event: string;
    kind?: ExportFailureKind;
    count: number;
  }> = [];
  return {
    events,
    onExportStart: (count: number) => events.push({ event: 'start', count }),
    onExportSuccess: (count: number) =>
      events.push({ event: 'success', count }),
    onExportFailure: (
      kind: ExportFailureKind,
      _error: unknown,
      count: number,
    ) => events.push({ event: 'failure', kind, count }),
  };
}

const spans = [{}, {}] as ReadableSpan[];

describe('GuardedExporter', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('passes a success through', () => {
    const inner: SpanExporter = {
      export: (_spans, done) => done({ code: ExportResultCode.SUCCESS }),
      shutdown: async () => {},
    };
    const observer = recordingObserver();
    const results: ExportResult[] = [];

    new GuardedExporter(inner, 1_000, observer).export(spans, (result) =>
      results.push(result),
    );

    expect(results).toEqual([{ code: ExportResultCode.SUCCESS }]);
    expect(observer.events).toEqual([
      { event: 'start', count: 2 },
      { event: 'success', count: 2 },
    ]);
  });

  it('fails a hanging export', () => {
    const inner: SpanExporter = { export: () => {}, shutdown: async () => {} };
    const observer = recordingObserver();
    const results: ExportResult[] = [];
    const guarded = new GuardedExporter(inner, 1_000, observer);

    guarded.export(spans, (result) => results.push(result));
    vi.advanceTimersByTime(1_000);

    expect(results[0]?.code).toBe(ExportResultCode.FAILED);
    expect(results[0]?.error?.message).toMatch(/within 1000 ms/);
    expect(observer.events.at(-1)).toEqual({
      event: 'failure',
      kind: 'timeout',
      count: 2,
    });
  });

  it('ignores a late answer', () => {
    let late: Callback = () => {};
    const inner: SpanExporter = {
      export: (_spans, done) => {
        late = done;
      },
      shutdown: async () => {},
    };
    const results: ExportResult[] = [];
    const guarded = new GuardedExporter(inner, 1_000, recordingObserver());

    guarded.export(spans, (result) => results.push(result));
    vi.advanceTimersByTime(1_000);
    late({ code: ExportResultCode.SUCCESS });

    expect(results).toHaveLength(1);
  });

  it('turns a throw into a failure', () => {
    const inner: SpanExporter = {
      export: () => {
        throw new Error('broken exporter');
      },
      shutdown: async () => {},
    };
    const observer = recordingObserver();
    const results: ExportResult[] = [];

    const run = () =>
      new GuardedExporter(inner, 1_000, observer).export(spans, (result) =>
        results.push(result),
      );

    expect(run).not.toThrow();
    expect(results[0]?.error?.message).toBe('broken exporter');
    expect(observer.events.at(-1)?.kind).toBe('exporter-threw');
  });

  it('bounds a hanging shutdown', async () => {
    const inner: SpanExporter = {
      export: () => {},
      shutdown: () => new Promise(() => {}),
    };
    const guarded = new GuardedExporter(inner, 1_000, recordingObserver());
    let finished = false;

    const shutdown = guarded.shutdown().then(() => {
      finished = true;
    });
    await vi.advanceTimersByTimeAsync(1_000);
    await shutdown;

    expect(finished).toBe(true);
  });

  it('swallows a rejected forceFlush', async () => {
    const inner: SpanExporter = {
      export: () => {},
      shutdown: async () => {},
      forceFlush: () => Promise.reject(new Error('flush failed')),
    };
    const guarded = new GuardedExporter(inner, 1_000, recordingObserver());

    await expect(guarded.forceFlush()).resolves.toBeUndefined();
  });
});
