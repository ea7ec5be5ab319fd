import { request as httpRequest } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import {
  fastSimulatedModel,
  postJson,
  type StartedApp,
  startApp,
} from '../support/start-app.js';
import { waitUntil } from '../support/wait-until.js';

let started: StartedApp | undefined;

afterEach(async () => {
  await started?.app.stop();
  started = undefined;
});

function complete(url: string, model: string, prompt = 'hi') {
  return postJson(`${url}/v1/completions`, { model, prompt, max_tokens: 2 });
}

describe('request lifecycle', () => {
  it('times out with 504', async () => {
    started = await startApp({
      models: [fastSimulatedModel('slow')],
      server: { requestTimeout: 100 },
    });
    started.app.setFault('slow', { stall: true });

    const response = await complete(started.url, 'slow');

    expect(response.status).toBe(504);
    expect(response.json.error.code).toBe('DEADLINE_EXCEEDED');
  });

  it('cancels on client disconnect', async () => {
    started = await startApp({ models: [fastSimulatedModel('gone')] });
    const { app, url } = started;
    app.setFault('gone', { stall: true });

    const client = httpRequest(`${url}/v1/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
    });
    client.on('error', () => {});
    client.end(JSON.stringify({ model: 'gone', prompt: 'bye' }));
    await waitUntil(() => app.status().inFlightRequests === 1);
    client.destroy();

    await waitUntil(() => app.status().inFlightRequests === 0);
    expect(app.models.get('gone')!.status().queueDepth).toBe(0);
  });

  it('unloads and reloads a model', async () => {
    started = await startApp({ models: [fastSimulatedModel('cycle')] });
    const { url } = started;

    const unloaded = await postJson(`${url}/admin/models/cycle/unload`, {});
    const whileUnloaded = await complete(url, 'cycle');
    const loaded = await postJson(`${url}/admin/models/cycle/load`, {});
    const afterLoad = await complete(url, 'cycle');

    expect(unloaded.json.state).toBe('unloaded');
    expect(whileUnloaded.status).toBe(503);
    expect(whileUnloaded.json.error.code).toBe('MODEL_NOT_READY');
    expect(loaded.json.state).toBe('ready');
    expect(afterLoad.status).toBe(200);
  });

  it('reports readiness', async () => {
    started = await startApp({
      models: [fastSimulatedModel('lazy', { loadOnStart: false })],
    });
    const { url } = started;

    const before = await fetch(`${url}/readyz`);
    await postJson(`${url}/admin/models/lazy/load`, {});
    const after = await fetch(`${url}/readyz`);

    expect(before.status).toBe(503);
    expect(after.status).toBe(200);
  });

  it('drains in-flight requests on stop', async () => {
    started = await startApp({
      models: [
        fastSimulatedModel('drain', {
          adapter: { type: 'simulated', baseLatency: 150, jitter: 0 },
        }),
      ],
    });
    const { app, url } = started;

    const inFlight = complete(url, 'drain');
    await waitUntil(() => app.status().inFlightRequests === 1);
    const stopping = app.stop();
    const response = await inFlight;
    await stopping;

    expect(response.status).toBe(200);
    expect(app.status().accepting).toBe(false);
  });

  it('rejects invalid faults', async () => {
    started = await startApp({ models: [fastSimulatedModel('f')] });

    const response = await postJson(`${started.url}/admin/models/f/fault`, {
      errorRate: 2,
    });

    expect(response.status).toBe(400);
    expect(response.json.error.message).toMatch(/errorRate/);
  });

  it('fails requests on injected errors', async () => {
    started = await startApp({ models: [fastSimulatedModel('err')] });
    await postJson(`${started.url}/admin/models/err/fault`, { errorRate: 1 });

    const response = await complete(started.url, 'err');

    expect(response.status).toBe(502);
    expect(response.json.error.code).toBe('MODEL_ERROR');
  });
});
