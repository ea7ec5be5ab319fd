import { afterEach, describe, expect, it } from 'vitest';
import {
  type FakeUpstream,
  startFakeUpstream,
} from '../support/fake-upstream.js';
import { postJson, type StartedApp, startApp } from '../support/start-app.js';

let started: StartedApp | undefined;
let upstream: FakeUpstream | undefined;

afterEach(async () => {
  await started?.app.stop();
  await upstream?.close();
  started = undefined;
  upstream = undefined;
});

async function startWithUpstream(status?: number) {
  upstream = await startFakeUpstream({ status });
  started = await startApp({
    models: [
      {
        name: 'remote',
        adapter: {
          type: 'http',
          url: upstream.url,
          apiKey: 'sk-test-key',
          upstreamModel: 'up-model',
        },
        cache: { size: 0 },
      },
    ],
  });
  return { upstream, started };
}

describe('http adapter', () => {
  it('forwards a completion', async () => {
    const { upstream, started } = await startWithUpstream();

    const response = await postJson(`${started.url}/v1/completions`, {
      model: 'remote',
      prompt: 'ping',
    });

    expect(response.status).toBe(200);
    expect(response.json.choices[0].text).toBe('upstream says ping');
    expect(response.json.usage.prompt_tokens).toBe(7);
    const forwarded = upstream.requests.at(-1)!;
    expect(forwarded.body.model).toBe('up-model');
    expect(forwarded.headers.authorization).toBe('Bearer sk-test-key');
  });

  it('forwards a streamed chat', async () => {
    const { started } = await startWithUpstream();

    const response = await fetch(`${started.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'remote',
        messages: [{ role: 'user', content: 'hello' }],
        stream: true,
      }),
    });
    const text = await response.text();

    expect(text).toContain('"content":"upstream "');
    expect(text.trim().endsWith('data: [DONE]')).toBe(true);
  });

  it('fails to load without upstream', async () => {
    upstream = await startFakeUpstream({ status: 500 });
    started = await startApp({
      models: [{ name: 'down', adapter: { type: 'http', url: upstream.url } }],
    });

    const status = started.app.models.get('down')!.status();

    expect(status.state).toBe('failed');
    expect(status.failureReason).toMatch(/unreachable/);
  });
});
