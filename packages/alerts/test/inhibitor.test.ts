import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { AlertRouter } from '../src/alert-router.js';
import { routerWithMemory } from './helpers/router-fixture.js';

let router: AlertRouter;

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z') });
});

afterEach(async () => {
  vi.useRealTimers();
  await router.close(10);
});

const inhibitRules = [
  {
    sourceMatchers: 'severity="critical"',
    targetMatchers: 'severity="warning"',
    equal: ['service'],
  },
];

function setup() {
  const fixture = routerWithMemory({
    inhibitRules,
    route: { groupBy: ['...'], groupWait: '10s', groupInterval: '1m' },
  });
  router = fixture.router;
  return fixture.memory;
}

describe('inhibition', () => {
  test('critical mutes matching warnings', async () => {
    const memory = setup();
    router.send({
      name: 'Down',
      severity: 'critical',
      labels: { service: 'api' },
    });
    router.send({
      name: 'Slow',
      severity: 'warning',
      labels: { service: 'api' },
    });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(memory.alerts().map((a) => a.name)).toEqual(['Down']);
  });

  test('needs equal labels', async () => {
    const memory = setup();
    router.send({
      name: 'Down',
      severity: 'critical',
      labels: { service: 'api' },
    });
    router.send({
      name: 'Slow',
      severity: 'warning',
      labels: { service: 'web' },
    });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(memory.alerts()).toHaveLength(2);
  });

  test('holds for a source started in the past', async () => {
    const memory = setup();
    router.send({
      name: 'Down',
      severity: 'critical',
      labels: { service: 'api' },
      startsAt: '2025-12-31T20:00:00Z',
    });
    router.send({
      name: 'Slow',
      severity: 'warning',
      labels: { service: 'api' },
      startsAt: '2025-12-31T21:00:00Z',
    });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(memory.alerts().map((a) => a.name)).toEqual(['Down']);
  });

  test('lifts when the source resolves', async () => {
    const memory = setup();
    router.send({
      name: 'Down',
      severity: 'critical',
      labels: { service: 'api' },
    });
    router.send({
      name: 'Slow',
      severity: 'warning',
      labels: { service: 'api' },
    });
    await vi.advanceTimersByTimeAsync(10_000);
    router.send({
      name: 'Down',
      severity: 'critical',
      labels: { service: 'api' },
      status: 'resolved',
    });
    await vi.advanceTimersByTimeAsync(60_000);
    const slow = memory.alerts().filter((a) => a.name === 'Slow');
    expect(slow).toHaveLength(1);
  });

  test('holds when the source comes second', async () => {
    const memory = setup();
    router.send({
      name: 'Slow',
      severity: 'warning',
      labels: { service: 'api' },
    });
    await vi.advanceTimersByTimeAsync(5_000);
    router.send({
      name: 'Down',
      severity: 'critical',
      labels: { service: 'api' },
    });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(memory.alerts().map((a) => a.name)).toEqual(['Down']);
  });

  test('shows inhibited state', () => {
    setup();
    router.send({
      name: 'Down',
      severity: 'critical',
      labels: { service: 'api' },
    });
    router.send({
      name: 'Slow',
      severity: 'warning',
      labels: { service: 'api' },
    });
    expect(router.getStatus().alerts.inhibited).toBe(1);
  });
});
