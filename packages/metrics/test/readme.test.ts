import { expect, test } from 'vitest';
import { PrometheusExporter } from '../src/index.js';

// The first-use example of README.md, on a free port.
test('readme example runs', async () => {
  const metrics = new PrometheusExporter({ port: 0 });
  await metrics.start();

  metrics.recordModelLifecycle({
    model: 'llama-3-8b',
    event: 'loaded',
    durationSeconds: 12,
  });
  metrics.setRunning('llama-3-8b', 1);
  metrics.recordInference({
    model: 'llama-3-8b',
    status: 'ok',
    durationSeconds: 1.2,
    queueSeconds: 0.05,
    ttftSeconds: 0.21,
    inputTokens: 512,
    outputTokens: 128,
    traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
  });
  metrics.setRunning('llama-3-8b', 0);

  const p99 = metrics.quantile('request_duration_seconds', 0.99);
  await metrics.stop();

  expect(p99).toEqual({ value: 1.2736, capped: false, count: 1 });
  expect(metrics.getStatus().degraded).toBe(false);
});
