import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  fastSimulatedModel,
  postJson,
  type StartedApp,
  startApp,
} from '../support/start-app.js';

let started: StartedApp;

beforeAll(async () => {
  started = await startApp({
    models: [fastSimulatedModel('sim-a'), fastSimulatedModel('sim-b')],
  });
});

afterAll(async () => {
  await started.app.stop();
});

/** Reads an SSE response into its `data:` payloads. */
async function readEvents(response: Response): Promise<string[]> {
  const text = await response.text();
  return text
    .split('\n\n')
    .map((block) => block.trim())
    .filter((block) => block.startsWith('data: '))
    .map((block) => block.slice(6));
}

describe('openai routes', () => {
  it('lists models', async () => {
    const response = await fetch(`${started.url}/v1/models`);
    const body = await response.json();
    expect(
      (body as { data: { id: string }[] }).data.map(
        (m: { id: string }) => m.id,
      ),
    ).toEqual(['sim-a', 'sim-b']);
  });

  it('completes a prompt', async () => {
    const { status, json } = await postJson(`${started.url}/v1/completions`, {
      model: 'sim-a',
      prompt: 'hello there',
      max_tokens: 3,
    });
    expect(status).toBe(200);
    expect(json.object).toBe('text_completion');
    expect(json.usage.completion_tokens).toBe(3);
    expect(json.choices[0].finish_reason).toBe('length');
  });

  it('completes a chat', async () => {
    const { status, json } = await postJson(
      `${started.url}/v1/chat/completions`,
      {
        model: 'sim-b',
        messages: [{ role: 'user', content: 'hi' }],
      },
    );
    expect(status).toBe(200);
    expect(json.choices[0].message.role).toBe('assistant');
    expect(json.usage.completion_tokens).toBe(4);
  });

  it('streams chat chunks', async () => {
    const response = await fetch(`${started.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'sim-a',
        messages: [{ role: 'user', content: 'stream please' }],
        max_tokens: 5,
        stream: true,
        stream_options: { include_usage: true },
      }),
    });
    expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
    const events = await readEvents(response);
    expect(events.at(-1)).toBe('[DONE]');
    const chunks = events.slice(0, -1).map((event) => JSON.parse(event));
    const pieces = chunks.filter((chunk) => chunk.choices[0]?.delta?.content);
    expect(pieces).toHaveLength(5);
    expect(chunks.at(-1).usage.completion_tokens).toBe(5);
  });

  it('rejects an unknown model', async () => {
    const { status, json } = await postJson(`${started.url}/v1/completions`, {
      model: 'nope',
      prompt: 'x',
    });
    expect(status).toBe(404);
    expect(json.error.code).toBe('MODEL_NOT_FOUND');
  });

  it('rejects a missing prompt', async () => {
    const { status, json } = await postJson(`${started.url}/v1/completions`, {
      model: 'sim-a',
    });
    expect(status).toBe(400);
    expect(json.error.message).toMatch(/prompt/);
  });
});
