import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PrometheusExporter } from '../src/index.js';

// End to end: a real Prometheus 2.42 (/usr/bin/prometheus) scrapes the
// exporter over loopback, negotiating OpenMetrics and storing exemplars.

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
let exporter: PrometheusExporter;
let prometheus: ChildProcess;
let dir: string;
let api: string;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function query(path: string): Promise<{ data: unknown }> {
  const response = await fetch(`${api}${path}`);
  return (await response.json()) as { data: unknown };
}

async function waitFor<T>(read: () => Promise<T | undefined>): Promise<T> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const value = await read().catch(() => undefined);
    if (value !== undefined) {
      return value;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('Prometheus did not return the expected data in 20 s');
}

beforeAll(async () => {
  exporter = new PrometheusExporter({ port: 0, gpuMetrics: false });
  const durations = [0.03, 0.05, 0.2, 0.3, 0.3, 0.7, 1.1, 2.5, 3, 9];
  for (const durationSeconds of durations) {
    exporter.recordInference({
      model: 'm',
      durationSeconds,
      status: 'ok',
      traceId: TRACE_ID,
    });
  }
  const address = await exporter.start();

  dir = mkdtempSync(join(tmpdir(), 'mmorch-prom-'));
  const config = join(dir, 'prometheus.yml');
  writeFileSync(
    config,
    [
      'global: { scrape_interval: 1s }',
      'scrape_configs:',
      '  - job_name: mmorch',
      `    metrics_path: ${address?.path}`,
      `    static_configs: [{ targets: ['127.0.0.1:${address?.port}'] }]`,
    ].join('\n'),
  );
  const port = await freePort();
  api = `http://127.0.0.1:${port}/api/v1`;
  prometheus = spawn(
    '/usr/bin/prometheus',
    [
      `--config.file=${config}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--enable-feature=exemplar-storage',
    ],
    { stdio: 'ignore' },
  );
}, 30_000);

afterAll(async () => {
  prometheus?.kill('SIGTERM');
  await exporter?.stop();
  if (dir) {
    rmSync(dir, { recursive: true, force: true });
  }
});

describe('real Prometheus scrape', () => {
  test('finds the target healthy', async () => {
    const health = await waitFor(async () => {
      const { data } = await query('/targets');
      const target = (
        data as { activeTargets: { health: string; lastError: string }[] }
      ).activeTargets[0];
      return target?.health === 'up' ? target : undefined;
    });

    expect(health.lastError).toBe('');
  }, 30_000);

  test('agrees on the quantile', async () => {
    const expr = encodeURIComponent(
      'histogram_quantile(0.9, sum by (le) (mmorch_request_duration_seconds_bucket))',
    );
    const value = await waitFor(async () => {
      const { data } = await query(`/query?query=${expr}`);
      const result = (data as { result: { value: [number, string] }[] })
        .result[0];
      return result ? Number(result.value[1]) : undefined;
    });

    expect(
      exporter.quantile('request_duration_seconds', 0.9).value,
    ).toBeCloseTo(value, 9);
  }, 30_000);

  test('stores the exemplar', async () => {
    const expr = encodeURIComponent('mmorch_request_duration_seconds_bucket');
    const labels = await waitFor(async () => {
      const now = Date.now() / 1000;
      const { data } = await query(
        `/query_exemplars?query=${expr}&start=${now - 600}&end=${now + 60}`,
      );
      const series = data as {
        exemplars: { labels: Record<string, string> }[];
      }[];
      return series[0]?.exemplars[0]?.labels;
    });

    expect(labels).toEqual({ trace_id: TRACE_ID });
  }, 30_000);
});
