// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings are
// configuration text whose ${VAR} placeholders are under test.
import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { readEnvLayer, toEnvSegment } from '../src/env-layer.js';
import { durationMs } from '../src/index.js';
import { indexPatches } from '../src/merge-layers.js';

const Destination = z.discriminatedUnion('type', [
  z.object({ type: z.literal('console'), name: z.string() }).strict(),
  z
    .object({
      type: z.literal('webhook'),
      name: z.string(),
      maxAlerts: z.number(),
    })
    .strict(),
]);

const Schema = z
  .object({
    serviceName: z.string().optional(),
    groupWait: durationMs().optional(),
    destinations: z.array(Destination).optional(),
    pair: z.tuple([z.string(), z.number()]).optional(),
    labels: z.record(z.string(), z.string()).optional(),
  })
  .strict();

describe('readEnvLayer', () => {
  test('returns nothing without variables', () => {
    expect(readEnvLayer(Schema, { PATH: '/bin' }, 'MMORCH_').value).toBe(
      undefined,
    );
  });

  test('maps snake case segments', () => {
    const layer = readEnvLayer(
      Schema,
      { MMORCH_SERVICE_NAME: 'api', MMORCH_GROUP_WAIT: '30s' },
      'MMORCH_',
    );
    expect(layer.value).toEqual({ serviceName: 'api', groupWait: '30s' });
  });

  test('finds keys across union options', () => {
    const layer = readEnvLayer(
      Schema,
      {
        MMORCH_DESTINATIONS__0__TYPE: 'webhook',
        MMORCH_DESTINATIONS__0__NAME: 'hook',
        MMORCH_DESTINATIONS__0__MAX_ALERTS: '5',
      },
      'MMORCH_',
    );
    expect(layer.value).toEqual({
      destinations: [{ type: 'webhook', name: 'hook', maxAlerts: 5 }],
    });
  });

  test('uses file values for unions', () => {
    const layer = readEnvLayer(
      Schema,
      { MMORCH_DESTINATIONS__0__MAX_ALERTS: '7' },
      'MMORCH_',
      [],
      { destinations: [{ type: 'webhook', name: 'hook' }] },
    );
    expect(layer.value?.destinations).toEqual([{ maxAlerts: 7 }]);
  });

  test('marks index arrays as patches', () => {
    const layer = readEnvLayer(
      Schema,
      { MMORCH_DESTINATIONS__0__NAME: 'b' },
      'MMORCH_',
    );
    expect(indexPatches.has(layer.value?.destinations as unknown[])).toBe(true);
  });

  test('coerces tuple items by index', () => {
    const layer = readEnvLayer(
      Schema,
      { MMORCH_PAIR__0: 'a', MMORCH_PAIR__1: '2' },
      'MMORCH_',
    );
    expect(layer.value).toEqual({ pair: ['a', 2] });
  });

  test('records each variable source', () => {
    const layer = readEnvLayer(
      Schema,
      { MMORCH_LABELS__team: 'core' },
      'MMORCH_',
    );
    expect([...layer.sources]).toEqual([
      ['["labels","team"]', 'env MMORCH_LABELS__team'],
    ]);
  });

  test('skips ignored variables', () => {
    const layer = readEnvLayer(Schema, { MMORCH_CONFIG: 'a.yaml' }, 'MMORCH_', [
      'MMORCH_CONFIG',
    ]);
    expect(layer.value).toBeUndefined();
  });

  test('camel cases unknown segments', () => {
    const layer = readEnvLayer(Schema, { MMORCH_SERVIC_NAME: 'x' }, 'MMORCH_');
    expect(layer.value).toEqual({ servicName: 'x' });
  });

  test('reports missing placeholders', () => {
    const layer = readEnvLayer(
      Schema,
      { MMORCH_SERVICE_NAME: '${NAME}' },
      'MMORCH_',
    );
    expect(layer.problems[0]).toMatchObject({
      code: 'missing_variable',
      path: ['serviceName'],
      source: 'env MMORCH_SERVICE_NAME',
    });
  });
});

describe('toEnvSegment', () => {
  test.each([
    ['serviceName', 'SERVICE_NAME'],
    ['port', 'PORT'],
    ['maxBatchSize', 'MAX_BATCH_SIZE'],
    ['otlp-http', 'OTLP_HTTP'],
    ['http2Enabled', 'HTTP2_ENABLED'],
  ])('spells %s as %s', (name, expected) => {
    expect(toEnvSegment(name)).toBe(expected);
  });
});
