import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, test } from 'vitest';
import { MetricsError, PrometheusExporter } from '../src/index.js';
import { checkMetrics, checkOpenMetrics } from './support/promtool.js';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

function send(
  url: string,
  options: { method?: string; headers?: Record<string, string> } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(url, options, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks),
        }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

const exporters: PrometheusExporter[] = [];

async function serving(options = {}) {
  const exporter = new PrometheusExporter({
    port: 0,
    gpuMetrics: false,
    ...options,
  });
  exporters.push(exporter);
  exporter.recordInference({
    model: 'm',
    durationSeconds: 0.3,
    status: 'ok',
    traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
  });
  const address = await exporter.start();
  return { exporter, url: address?.url as string };
}

afterEach(async () => {
  await Promise.all(exporters.splice(0).map((e) => e.stop()));
});

describe('metrics endpoint', () => {
  test('serves prometheus text', async () => {
    const { url } = await serving();

    const reply = await send(url);

    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe(
      'text/plain; version=0.0.4; charset=utf-8',
    );
    expect(checkMetrics(reply.body.toString())).toEqual({
      status: 0,
      output: '',
    });
  });

  test('negotiates openmetrics', async () => {
    const { url } = await serving();

    const reply = await send(url, {
      headers: {
        accept:
          'application/openmetrics-text;version=1.0.0;q=0.5,text/plain;version=0.0.4;q=0.4,*/*;q=0.1',
      },
    });

    expect(reply.headers['content-type']).toBe(
      'application/openmetrics-text; version=1.0.0; charset=utf-8',
    );
    expect(reply.body.toString()).toContain(
      'trace_id="4bf92f3577b34da6a3ce929d0e0e4736"',
    );
    expect(checkOpenMetrics(reply.body.toString())).toEqual({
      status: 0,
      output: '',
    });
  });

  test('ignores openmetrics at q=0', async () => {
    const { url } = await serving();

    const reply = await send(url, {
      headers: { accept: 'application/openmetrics-text;q=0,text/plain' },
    });

    expect(reply.headers['content-type']).toContain('text/plain');
  });

  test('compresses with gzip', async () => {
    const { url } = await serving();

    const reply = await send(url, {
      headers: { 'accept-encoding': 'gzip, br' },
    });

    expect(reply.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(reply.body).toString()).toContain(
      'mmorch_requests_total',
    );
  });

  test('rejects other methods', async () => {
    const { url } = await serving();

    const reply = await send(url, { method: 'POST' });

    expect(reply.status).toBe(405);
    expect(reply.headers.allow).toBe('GET, HEAD');
  });

  test('answers HEAD without body', async () => {
    const { url } = await serving();

    const reply = await send(url, { method: 'HEAD' });

    expect(reply.status).toBe(200);
    expect(reply.body.length).toBe(0);
  });

  test('returns 404 elsewhere', async () => {
    const { url } = await serving();

    const reply = await send(url.replace('/metrics', '/other'));

    expect(reply.status).toBe(404);
  });

  test('serves a custom path', async () => {
    const { url } = await serving({ path: '/internal/prom' });

    const reply = await send(url);

    expect(url.endsWith('/internal/prom')).toBe(true);
    expect(reply.status).toBe(200);
  });
});

describe('bearer token', () => {
  test('rejects a missing token', async () => {
    const { url } = await serving({ bearerToken: 's3cret' });

    const reply = await send(url);

    expect(reply.status).toBe(401);
    expect(reply.headers['www-authenticate']).toBe('Bearer');
  });

  test('rejects a wrong token', async () => {
    const { url } = await serving({ bearerToken: 's3cret' });

    const reply = await send(url, {
      headers: { authorization: 'Bearer s3crex' },
    });

    expect(reply.status).toBe(401);
  });

  test('accepts the right token', async () => {
    const { url } = await serving({ bearerToken: 's3cret' });

    const reply = await send(url, {
      headers: { authorization: 'Bearer s3cret' },
    });

    expect(reply.status).toBe(200);
  });

  test('accepts any scheme case', async () => {
    const { url } = await serving({ bearerToken: 's3cret' });

    const reply = await send(url, {
      headers: { authorization: 'bearer s3cret' },
    });

    expect(reply.status).toBe(200);
  });
});

describe('lifecycle', () => {
  test('reports the address in use', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) =>
      blocker.listen(0, '127.0.0.1', resolve),
    );
    const { port } = blocker.address() as AddressInfo;
    const exporter = new PrometheusExporter({ port, gpuMetrics: false });
    exporters.push(exporter);

    try {
      const failure = await exporter.start().catch((error: unknown) => error);

      expect(failure).toBeInstanceOf(MetricsError);
      expect((failure as MetricsError).code).toBe('METRICS_ADDRESS_IN_USE');
      expect((failure as MetricsError).message).toContain(`127.0.0.1:${port}`);
      expect(exporter.getStatus().degraded).toBe(true);
      expect(exporter.getStatus().degradationReason).toContain(
        'already in use',
      );
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  test('frees the port on stop', async () => {
    const { exporter } = await serving();
    const port = exporter.getStatus().serving?.port as number;
    await exporter.stop();
    const again = new PrometheusExporter({ port, gpuMetrics: false });
    exporters.push(again);

    const address = await again.start();

    expect(address?.port).toBe(port);
  });

  test('reports serving status', async () => {
    const { exporter, url } = await serving();

    expect(exporter.getStatus().serving?.url).toBe(url);
    expect(exporter.getStatus().degraded).toBe(false);
  });

  test('clears serving on stop', async () => {
    const { exporter } = await serving();

    await exporter.stop();

    expect(exporter.getStatus().serving).toBeNull();
  });

  test('returns the same address twice', async () => {
    const { exporter } = await serving();

    const first = exporter.getStatus().serving;
    const second = await exporter.start();

    expect(second).toEqual(first);
  });

  test('does not listen when disabled', async () => {
    const exporter = new PrometheusExporter({ enabled: false, port: 0 });

    expect(await exporter.start()).toBeNull();
  });
});
