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

describe('silences', () => {
  test('mute matching alerts', async () => {
    const fixture = routerWithMemory();
    router = fixture.router;
    router.addSilence({
      matchers: 'service="api"',
      endsAt: '2026-01-01T01:00:00Z',
    });
    router.send({ name: 'Slow', labels: { service: 'api' } });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(fixture.memory.notifications).toHaveLength(0);
  });

  test('release alerts when expired', async () => {
    const fixture = routerWithMemory();
    router = fixture.router;
    const silence = router.addSilence({
      matchers: 'service="api"',
      endsAt: '2026-01-01T01:00:00Z',
    });
    router.send({ name: 'Slow', labels: { service: 'api' } });
    await vi.advanceTimersByTimeAsync(10_000);
    router.expireSilence(silence.id);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(fixture.memory.notifications).toHaveLength(1);
  });

  test('end at their endsAt', async () => {
    const fixture = routerWithMemory();
    router = fixture.router;
    router.addSilence({
      matchers: 'service="api"',
      endsAt: '2026-01-01T00:00:30Z',
    });
    router.send({ name: 'Slow', labels: { service: 'api' } });
    await vi.advanceTimersByTimeAsync(70_000);
    expect(fixture.memory.notifications).toHaveLength(1);
  });

  test('list with their state', () => {
    router = routerWithMemory().router;
    router.addSilence({
      matchers: 'a="1"',
      startsAt: '2026-01-01T02:00:00Z',
      endsAt: '2026-01-01T03:00:00Z',
      comment: 'deploy',
    });
    const active = router.addSilence({
      matchers: 'a="2"',
      endsAt: Date.now() + 60_000,
    });
    router.addSilence({ matchers: 'a="3"', endsAt: Date.now() + 60_000 });
    router.expireSilence(active.id);
    expect(router.listSilences().map((s) => s.state)).toEqual([
      'pending',
      'expired',
      'active',
    ]);
  });

  test('load from config', () => {
    router = routerWithMemory({
      silences: [{ matchers: ['a="1"'], endsAt: '2026-01-02T00:00:00Z' }],
    }).router;
    expect(router.listSilences()[0]?.createdBy).toBe('config');
  });

  test('expire returns false for unknown ids', () => {
    router = routerWithMemory().router;
    expect(router.expireSilence('nope')).toBe(false);
  });

  test('reject an empty matcher list', () => {
    router = routerWithMemory().router;
    expect(() =>
      router.addSilence({ matchers: [], endsAt: Date.now() + 1 }),
    ).toThrow(/would mute every alert/);
  });

  test('reject matchers that match everything', () => {
    router = routerWithMemory().router;
    expect(() =>
      router.addSilence({
        matchers: 'service=~".*"',
        endsAt: Date.now() + 1,
      }),
    ).toThrow(/matches the empty string/);
  });

  test('accept one selective matcher', () => {
    router = routerWithMemory().router;
    const silence = router.addSilence({
      matchers: '{env=~".*", service="api"}',
      endsAt: Date.now() + 1,
    });
    expect(silence.state).toBe('active');
  });

  test('reject endsAt before startsAt', () => {
    router = routerWithMemory().router;
    expect(() =>
      router.addSilence({ matchers: 'a="1"', endsAt: Date.now() - 1 }),
    ).toThrow(/is not after startsAt/);
  });

  test('reject a missing endsAt', () => {
    router = routerWithMemory().router;
    expect(() =>
      router.addSilence({ matchers: 'a="1"' } as never),
    ).toThrowErrorMatchingInlineSnapshot(
      `[AlertsError: silence endsAt is missing; pass a Date, epoch milliseconds or an ISO 8601 string]`,
    );
  });
});
