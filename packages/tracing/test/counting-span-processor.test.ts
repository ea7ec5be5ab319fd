import { ROOT_CONTEXT, TraceFlags } from '@opentelemetry/api';
import type {
  ReadableSpan,
  Span,
  SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { describe, expect, it } from 'vitest';
import { CountingSpanProcessor } from '../src/counting-span-processor.js';

function fakeSpan(sampled: boolean) {
  const traceFlags = sampled ? TraceFlags.SAMPLED : TraceFlags.NONE;
  return {
    spanContext: () => ({
      traceId: 'a'.repeat(32),
      spanId: 'b'.repeat(16),
      traceFlags,
    }),
  } as unknown as ReadableSpan & Span;
}

function recordingProcessor(throwing = false) {
  const ended: ReadableSpan[] = [];
  const processor: SpanProcessor = {
    onStart() {
      if (throwing) {
        throw new Error('onStart failed');
      }
    },
    onEnd(span) {
      if (throwing) {
        throw new Error('onEnd failed');
      }
      ended.push(span);
    },
    forceFlush: async () => {},
    shutdown: async () => {},
  };
  return { processor, ended };
}

describe('CountingSpanProcessor', () => {
  it('drops spans past the queue size', () => {
    const { processor, ended } = recordingProcessor();
    const counting = new CountingSpanProcessor(processor, 2);

    for (let index = 0; index < 5; index += 1) {
      counting.onEnd(fakeSpan(true));
    }

    expect(ended).toHaveLength(2);
    expect(counting.counts.droppedQueueFull).toBe(3);
  });

  it('frees room when the exporter takes spans', () => {
    const { processor, ended } = recordingProcessor();
    const counting = new CountingSpanProcessor(processor, 2);

    counting.onEnd(fakeSpan(true));
    counting.onEnd(fakeSpan(true));
    counting.takeFromQueue(2);
    counting.onEnd(fakeSpan(true));

    expect(ended).toHaveLength(3);
    expect(counting.counts.droppedQueueFull).toBe(0);
  });

  it('does not queue unsampled spans', () => {
    const { processor } = recordingProcessor();
    const counting = new CountingSpanProcessor(processor, 1);

    counting.onEnd(fakeSpan(false));
    counting.onEnd(fakeSpan(false));

    expect(counting.counts.droppedQueueFull).toBe(0);
    expect(counting.counts.ended).toBe(2);
  });

  it('counts processor errors', () => {
    const { processor } = recordingProcessor(true);
    const counting = new CountingSpanProcessor(processor);

    const run = () => {
      counting.onStart(fakeSpan(true), ROOT_CONTEXT);
      counting.onEnd(fakeSpan(true));
    };

    expect(run).not.toThrow();
    expect(counting.counts.processorErrors).toBe(2);
  });

  it('drops spans after shutdown', async () => {
    const { processor, ended } = recordingProcessor();
    const counting = new CountingSpanProcessor(processor);

    await counting.shutdown();
    counting.onEnd(fakeSpan(true));

    expect(ended).toHaveLength(0);
    expect(counting.counts.droppedAfterShutdown).toBe(1);
  });
});
