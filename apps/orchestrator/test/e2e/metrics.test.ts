import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleValue, scrape } from '../support/scrape.js';
import {
  fastSimulatedModel,
  postJson,
  type StartedApp,
  startApp,
} from '../support/start-app.js';

let started: StartedApp;

beforeAll(async () => {
  started = await startApp({
    models: [fastSimulatedModel('alpha'), fastSimulatedModel('beta')],
    metrics: { gpuMetrics: false },
  });
});

afterAll(async () => {
  await started.app.stop();
});

function complete(model: string, prompt: string) {
  return postJson(`${started.url}/v1/completions`, {
    model,
    prompt,
    max_tokens: 2,
  });
}

describe('metrics end to end', () => {
  it('records inference requests', async () => {
    await complete('alpha', 'first');
    await complete('alpha', 'second');

    const text = await scrape(started.metricsUrl);

    expect(
      sampleValue(text, 'mmorch_requests_total', {
        model: 'alpha',
        status: 'ok',
      }),
    ).toBe(2);
    expect(
      sampleValue(text, 'mmorch_request_duration_seconds_count', {
        model: 'alpha',
      }),
    ).toBe(2);
    expect(
      sampleValue(text, 'mmorch_tokens_total', {
        model: 'alpha',
        type: 'output',
      }),
    ).toBe(4);
  });

  it('keeps models apart', async () => {
    await complete('beta', 'only beta');

    const text = await scrape(started.metricsUrl);

    expect(
      sampleValue(text, 'mmorch_requests_total', {
        model: 'beta',
        status: 'ok',
      }),
    ).toBe(1);
    expect(
      sampleValue(text, 'mmorch_requests_total', {
        model: 'alpha',
        status: 'ok',
      }),
    ).toBe(2);
  });

  it('exports resource metrics', async () => {
    const text = await scrape(started.metricsUrl);

    expect(sampleValue(text, 'process_cpu_seconds_total')).toBeGreaterThan(0);
    expect(sampleValue(text, 'process_resident_memory_bytes')).toBeGreaterThan(
      0,
    );
    expect(text).toContain('nodejs_eventloop_lag_seconds');
  });

  it('counts lifecycle events', async () => {
    await postJson(`${started.url}/admin/models/beta/unload`, {});
    await postJson(`${started.url}/admin/models/beta/load`, {});

    const text = await scrape(started.metricsUrl);
    const events = (event: string) =>
      sampleValue(text, 'mmorch_model_lifecycle_events_total', {
        model: 'beta',
        event,
      });

    expect(events('load')).toBe(2);
    expect(events('loaded')).toBe(2);
    expect(events('unload')).toBe(1);
    expect(events('unloaded')).toBe(1);
  });

  it('counts concurrent requests exactly', async () => {
    const before = sampleValue(
      await scrape(started.metricsUrl),
      'mmorch_requests_total',
      { model: 'alpha', status: 'ok' },
    );

    const responses = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        complete('alpha', `concurrent ${i}`),
      ),
    );
    const text = await scrape(started.metricsUrl);

    expect(responses.every((r) => r.status === 200)).toBe(true);
    expect(
      sampleValue(text, 'mmorch_requests_total', {
        model: 'alpha',
        status: 'ok',
      }),
    ).toBe((before ?? 0) + 200);
  });

  it('measures time to first token', async () => {
    const response = await fetch(`${started.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'beta',
        messages: [{ role: 'user', content: 'stream it' }],
        stream: true,
        max_tokens: 3,
      }),
    });
    await response.text();

    const text = await scrape(started.metricsUrl);

    expect(
      sampleValue(text, 'mmorch_time_to_first_token_seconds_count', {
        model: 'beta',
      }),
    ).toBe(1);
    expect(
      sampleValue(text, 'mmorch_time_per_output_token_seconds_count', {
        model: 'beta',
      }),
    ).toBe(1);
  });
});
