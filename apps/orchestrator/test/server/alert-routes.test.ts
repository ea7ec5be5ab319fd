import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  fastSimulatedModel,
  postJson,
  type StartedApp,
  startApp,
} from '../support/start-app.js';

let started: StartedApp;

beforeAll(async () => {
  started = await startApp({ models: [fastSimulatedModel('m')] });
});

afterAll(async () => {
  await started.app.stop();
});

describe('alert routes', () => {
  it('lists alerts and silences', async () => {
    started.app.router!.send({ name: 'ManualTest', labels: { model: 'm' } });

    const body = (await (await fetch(`${started.url}/alerts`)).json()) as {
      alerts: Array<{ name: string }>;
      silences: unknown[];
    };

    expect(body.alerts.map((alert) => alert.name)).toContain('ManualTest');
    expect(body.silences).toEqual([]);
  });

  it('creates and expires a silence', async () => {
    const created = await postJson(`${started.url}/alerts/silences`, {
      matchers: ['alertname="ManualTest"'],
      endsAt: Date.now() + 60_000,
      comment: 'maintenance',
    });
    const expired = await fetch(
      `${started.url}/alerts/silences/${created.json.id}`,
      {
        method: 'DELETE',
      },
    );

    expect(created.status).toBe(201);
    expect(created.json.state).toBe('active');
    expect(expired.status).toBe(200);
    expect(started.app.router!.listSilences()[0]?.state).toBe('expired');
  });

  it('rejects a silence without matchers', async () => {
    const response = await postJson(`${started.url}/alerts/silences`, {
      matchers: [],
      endsAt: Date.now() + 1000,
    });

    expect(response.status).toBe(400);
    expect(response.json.error.code).toBe('INVALID_SILENCE');
  });

  it('returns 404 for an unknown silence', async () => {
    const response = await fetch(`${started.url}/alerts/silences/nope`, {
      method: 'DELETE',
    });

    expect(response.status).toBe(404);
  });

  it('accepts Alertmanager matcher objects', async () => {
    const created = await postJson(`${started.url}/alerts/silences`, {
      matchers: [
        { name: 'alertname', value: 'Manual.*', isRegex: true },
        { name: 'model', value: 'other', isEqual: false },
      ],
      endsAt: Date.now() + 60_000,
    });

    expect(created.status).toBe(201);
    expect(created.json.matchers).toHaveLength(2);
  });

  it('rejects a malformed matcher', async () => {
    const response = await postJson(`${started.url}/alerts/silences`, {
      matchers: [{ label: 'model' }],
      endsAt: Date.now() + 60_000,
    });

    expect(response.status).toBe(400);
    expect(response.json.error.message).toContain('matcher {"label":"model"}');
  });

  it('rejects a silence without endsAt', async () => {
    const response = await postJson(`${started.url}/alerts/silences`, {
      matchers: ['alertname="ManualTest"'],
    });

    expect(response.status).toBe(400);
    expect(response.json.error.message).toContain('"endsAt"');
  });
});
