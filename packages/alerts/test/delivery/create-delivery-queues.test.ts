import { registerDestinationSchema, silentLogger } from '@mm-orch/config';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { z } from 'zod';
import { AlertRouter } from '../../src/alert-router.js';
import { createDestination } from '../../src/destinations/create-destination.js';
import type { Destination } from '../../src/destinations/destination.js';

/** Destination that never settles, so only a timeout ends each attempt. */
function hangingDestination(timeout?: number): Destination {
  return { name: 'hanging', timeout, send: () => new Promise(() => {}) };
}

let router: AlertRouter | undefined;

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z') });
});

afterEach(async () => {
  await router?.close(10);
  router = undefined;
  vi.useRealTimers();
});

function routeTo(destination: Destination, timeout = '10s'): AlertRouter {
  router = new AlertRouter({
    destinations: [destination],
    route: { groupWait: 0 },
    retry: { attempts: 1 },
    timeout,
  });
  router.send({ name: 'Slow' });
  return router;
}

describe('destination timeout', () => {
  test('applies an object timeout', async () => {
    routeTo(hangingDestination(1_000));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(router?.getStatus().destinations.hanging?.lastError).toBe(
      'delivery attempt timed out after 1000 ms',
    );
  });

  test('falls back to the router timeout', async () => {
    routeTo(hangingDestination(), '3s');
    await vi.advanceTimersByTimeAsync(2_999);
    expect(router?.getStatus().destinations.hanging?.failed).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(router?.getStatus().destinations.hanging?.failed).toBe(1);
  });

  test('carries a config timeout', () => {
    const destination = createDestination(
      { type: 'memory', name: 'team', timeout: 2_000, maxNotifications: 10 },
      { logger: silentLogger, stdout: process.stdout },
      {},
    );
    expect(destination.timeout).toBe(2_000);
  });

  test('applies a config entry timeout', async () => {
    const unregister = registerDestinationSchema('hang', z.object({}));
    router = new AlertRouter({
      destinations: [{ type: 'hang', name: 'hanging', timeout: '1s' }],
      destinationFactories: { hang: () => hangingDestination() },
      route: { groupWait: 0 },
      retry: { attempts: 1 },
    });
    unregister();
    router.send({ name: 'Slow' });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(router.getStatus().destinations.hanging?.deadLettered).toBe(1);
  });
});

describe('destination checks', () => {
  test('rejects a missing name', () => {
    const nameless = { send: async () => {} } as unknown as Destination;
    expect(() => new AlertRouter({ destinations: [nameless] })).toThrow(
      expect.objectContaining({ code: 'INVALID_DESTINATION' }),
    );
  });

  test('rejects a negative timeout', () => {
    expect(
      () => new AlertRouter({ destinations: [hangingDestination(-1)] }),
    ).toThrowErrorMatchingInlineSnapshot(
      `[AlertsError: destination "hanging" has timeout -1; set it to a positive number of milliseconds or leave it unset]`,
    );
  });
});

describe('router without destinations', () => {
  test('rejects an enabled router', () => {
    expect(() => new AlertRouter()).toThrowErrorMatchingInlineSnapshot(
      `[AlertsError: no destination is configured, so alerts have nowhere to go; add at least one entry to \`destinations\`, or set \`enabled: false\`]`,
    );
  });

  test('accepts a disabled router', () => {
    router = new AlertRouter({ enabled: false });
    router.send({ name: 'Slow' });
    expect(router.getStatus().alerts.dropped).toBe(1);
  });

  test('names a missing URL', () => {
    expect(
      () =>
        new AlertRouter({
          destinations: [{ type: 'webhook', name: 'ops' }] as never,
        }),
    ).toThrow(/destinations\[0\]\.url: missing URL; set an http or https URL/);
  });
});
