import type { RouteConfigInput } from '@mm-orch/config';
import { RouteConfig } from '@mm-orch/config';
import { describe, expect, test } from 'vitest';
import { buildRouteTree, matchRoutes } from '../src/route.js';

function tree(config: RouteConfigInput, names = ['default', 'db', 'pager']) {
  return buildRouteTree(RouteConfig.parse(config), names);
}

function receivers(config: RouteConfigInput, labels: Record<string, string>) {
  return matchRoutes(tree(config), labels).map((route) => route.receiver);
}

const config: RouteConfigInput = {
  receiver: 'default',
  routes: [
    { matchers: 'severity="critical"', receiver: 'pager', continue: true },
    { matchers: 'service=~"db|cache"', receiver: 'db' },
    { matchers: 'service="db"', receiver: 'pager' },
  ],
};

describe('matchRoutes', () => {
  test('falls back to the default receiver', () => {
    expect(receivers(config, { service: 'api' })).toEqual(['default']);
  });

  test('stops at the first match', () => {
    expect(receivers(config, { service: 'db' })).toEqual(['db']);
  });

  test('goes on after continue', () => {
    expect(receivers(config, { service: 'db', severity: 'critical' })).toEqual([
      'pager',
      'db',
    ]);
  });

  test('prefers the deepest match', () => {
    const nested = {
      receiver: 'default',
      routes: [
        {
          matchers: 'team="storage"',
          receiver: 'db',
          routes: [{ matchers: 'severity="critical"', receiver: 'pager' }],
        },
      ],
    };
    expect(
      receivers(nested, { team: 'storage', severity: 'critical' }),
    ).toEqual(['pager']);
  });
});

describe('buildRouteTree', () => {
  test('children inherit settings', () => {
    const root = tree({
      receiver: 'db',
      groupBy: ['service'],
      groupWait: '1s',
      routes: [{ matchers: 'a="b"' }],
    });
    const child = root.routes[0]!;
    expect(child.receiver).toBe('db');
    expect(child.groupBy).toEqual(['service']);
    expect(child.groupWait).toBe(1_000);
    expect(child.repeatInterval).toBe(14_400_000);
  });

  test('uses the first destination by default', () => {
    expect(tree({}).receiver).toBe('default');
  });

  test('groups by all labels with ...', () => {
    expect(tree({ groupBy: ['...'] }).groupBy).toBe('all');
  });

  test('rejects an unknown receiver', () => {
    expect(() =>
      tree({ routes: [{ receiver: 'nobody' }] }),
    ).toThrowErrorMatchingInlineSnapshot(
      `[AlertsError: route.routes[0].receiver "nobody" names no destination; use one of default, db, pager]`,
    );
  });

  test('rejects a tree without destinations', () => {
    expect(() => tree({}, [])).toThrow(/no destination is configured/);
  });
});
