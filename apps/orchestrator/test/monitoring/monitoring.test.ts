import { OrchestratorConfig, silentLogger } from '@mm-orch/config';
import type { BatchSpan } from '@mm-orch/tracing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RequestMonitor } from '../../src/inference/request-monitor.js';
import type { BatchItem } from '../../src/models/batcher.js';
import { Monitoring } from '../../src/monitoring/monitoring.js';

const OFF = {
  metrics: { enabled: false },
  tracing: { enabled: false },
  anomaly: { enabled: false },
  alerting: { enabled: false },
  resources: { enabled: false },
};

const created: Monitoring[] = [];

function createMonitoring(overrides: Record<string, unknown>): Monitoring {
  const config = OrchestratorConfig.parse({ ...OFF, ...overrides });
  const monitoring = new Monitoring({
    config,
    logger: silentLogger,
    clock: Date.now,
  });
  created.push(monitoring);
  return monitoring;
}

function batchItem(context: RequestMonitor): BatchItem<RequestMonitor> {
  return {
    context,
    enqueuedAt: performance.now(),
  } as BatchItem<RequestMonitor>;
}

function startTracedRequest(monitoring: Monitoring): RequestMonitor {
  const request = monitoring.startRequest({
    id: 'r1',
    model: 'fn',
    kind: 'completion',
    stream: false,
    inputTokens: 4,
    headers: {},
  });
  request.queued();
  return request;
}

/** Returns the `requests_waiting` gauge of `model` from the exposition. */
async function waitingGauge(
  monitoring: Monitoring,
  model: string,
): Promise<number | undefined> {
  const text = (await monitoring.exporter?.formatMetrics()) ?? '';
  const line = text
    .split('\n')
    .find(
      (row) => row.includes('requests_waiting{') && row.includes(`="${model}"`),
    );
  return line === undefined ? undefined : Number(line.split(' ').at(-1));
}

afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(created.splice(0).map((each) => each.stop(1_000)));
});

describe('Monitoring', () => {
  it('keeps queue gauges per model', async () => {
    const monitoring = createMonitoring({ metrics: { port: 0 } });

    monitoring.hooks.queueChanged('a', 3, 0);
    monitoring.hooks.queueChanged('b', 5, 0);
    monitoring.hooks.queueChanged('a', 3, 1);
    monitoring.hooks.queueChanged('b', 2, 1);

    expect(await waitingGauge(monitoring, 'a')).toBe(3);
    expect(await waitingGauge(monitoring, 'b')).toBe(2);
  });

  it('counts a failing batch span start', () => {
    const monitoring = createMonitoring({ tracing: { samplerRatio: 1 } });
    const tracer = monitoring.tracer;
    if (!tracer) {
      throw new Error('tracing is off in this test');
    }
    vi.spyOn(tracer, 'startBatchSpan').mockImplementation(() => {
      throw new Error('start failed');
    });

    const request = startTracedRequest(monitoring);
    const batch = monitoring.hooks.batchStarted('fn', [batchItem(request)]);

    expect(() => batch.end()).not.toThrow();
    expect(monitoring.failures.get('tracing').failures).toBe(1);
  });

  it('counts a failing batch span end', () => {
    const monitoring = createMonitoring({ tracing: { samplerRatio: 1 } });
    const tracer = monitoring.tracer;
    if (!tracer) {
      throw new Error('tracing is off in this test');
    }
    const failing = {
      end() {
        throw new Error('end failed');
      },
    } as unknown as BatchSpan;
    vi.spyOn(tracer, 'startBatchSpan').mockReturnValue(failing);

    const request = startTracedRequest(monitoring);
    const batch = monitoring.hooks.batchStarted('fn', [batchItem(request)]);
    batch.end(new Error('model failed'));

    expect(monitoring.failures.get('tracing').lastError).toBe('end failed');
  });
});
