import { AlertRouter } from '@mm-orch/alerts';
import type { AnomalyEvent } from '@mm-orch/anomaly';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AnomalyAlertSender } from '../../src/monitoring/anomaly-alert-sender.js';

const MINUTE = 60_000;

let router: AlertRouter;
let sender: AnomalyAlertSender;
let errors: unknown[];

beforeEach(() => {
  vi.useFakeTimers({ now: Date.parse('2026-12-04T12:00:00Z') });
  // The router's default `resolveTimeout` of 5 minutes applies.
  router = new AlertRouter({
    destinations: [{ type: 'memory', name: 'memory' }],
    route: { groupWait: 0, groupInterval: 1_000 },
  });
  errors = [];
  sender = new AnomalyAlertSender({
    router,
    resendInterval: MINUTE,
    onError: (error) => errors.push(error),
  });
});

afterEach(async () => {
  sender.close();
  await router.close(0);
  vi.useRealTimers();
});

function anomaly(status: AnomalyEvent['status']): AnomalyEvent {
  const startedAt = Date.parse('2026-12-04T12:00:00Z');
  return {
    id: 'a1',
    status,
    signal: 'latency',
    model: 'chat',
    severity: 'warning',
    observed: 2,
    expected: 0.5,
    lower: 0.2,
    upper: 0.8,
    score: 0.99,
    reason: 'above band',
    startedAt,
    ...(status === 'resolved' ? { resolvedAt: Date.now() } : {}),
  };
}

function stateOfAlert(): string | undefined {
  return router.listAlerts().find((alert) => alert.name.includes('Latency'))
    ?.state;
}

describe('AnomalyAlertSender', () => {
  it('keeps a long anomaly firing', async () => {
    sender.send(anomaly('firing'));

    await vi.advanceTimersByTimeAsync(30 * MINUTE);

    expect(stateOfAlert()).toBe('active');
    expect(router.getStatus().alerts.expired).toBe(0);
  });

  it('sets endsAt four intervals ahead', async () => {
    sender.send(anomaly('firing'));

    const alert = router.listAlerts()[0]!;
    expect(Date.parse(alert.endsAt)).toBe(
      Date.parse('2026-12-04T12:00:00Z') + 4 * MINUTE,
    );
  });

  it('resolves with the monitor', async () => {
    sender.send(anomaly('firing'));
    await vi.advanceTimersByTimeAsync(10 * MINUTE);

    sender.send(anomaly('resolved'));
    await vi.advanceTimersByTimeAsync(MINUTE);

    expect(stateOfAlert()).toBe('resolved');
    expect(sender.size).toBe(0);
  });

  it('expires once sends stop', async () => {
    sender.send(anomaly('firing'));
    await vi.advanceTimersByTimeAsync(10 * MINUTE);

    sender.stop();
    await vi.advanceTimersByTimeAsync(5 * MINUTE);

    expect(stateOfAlert()).toBe('resolved');
    expect(router.getStatus().alerts.expired).toBe(1);
  });

  it('counts a failing router', () => {
    vi.spyOn(router, 'send').mockImplementation(() => {
      throw new Error('router broken');
    });

    sender.send(anomaly('firing'));

    expect(errors).toHaveLength(1);
  });
});
