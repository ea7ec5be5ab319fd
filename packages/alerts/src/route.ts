import type { RouteConfigOutput } from '@mm-orch/config';
import { AlertsError } from './errors.js';
import { compileMatchers, type MatcherSet, matchesAll } from './matcher.js';

/** Route node with inherited settings filled in and matchers compiled. */
export interface Route {
  /** Position in the tree, such as `0.2.1`; part of every group key. */
  id: string;
  /** Destination name. */
  receiver: string;
  /** Matchers of this node. */
  matchers: MatcherSet;
  /** Grouping labels; `all` groups by every label. */
  groupBy: string[] | 'all';
  /** Milliseconds before the first notification of a group. */
  groupWait: number;
  /** Milliseconds between notifications of a changed group. */
  groupInterval: number;
  /** Milliseconds before an unchanged notification is sent again. */
  repeatInterval: number;
  /** Whether matching goes on to the next sibling. */
  continue: boolean;
  /** Child routes. */
  routes: Route[];
}

const ROOT_DEFAULTS = {
  groupBy: ['alertname'],
  groupWait: 30_000,
  groupInterval: 300_000,
  repeatInterval: 14_400_000,
};

/**
 * Builds the route tree from its config: children inherit the receiver,
 * grouping and timers that they leave unset, and every receiver must name a
 * known destination.
 */
export function buildRouteTree(
  config: RouteConfigOutput,
  destinationNames: readonly string[],
): Route {
  const receiver = config.receiver ?? destinationNames[0];
  if (receiver === undefined) {
    throw new AlertsError(
      'NO_RECEIVER',
      'no destination is configured, so alerts have nowhere to go; add at least one entry to `destinations`, or set `enabled: false`',
    );
  }

  const root: Route = {
    id: '0',
    receiver,
    matchers: [],
    groupBy: ROOT_DEFAULTS.groupBy,
    groupWait: ROOT_DEFAULTS.groupWait,
    groupInterval: ROOT_DEFAULTS.groupInterval,
    repeatInterval: ROOT_DEFAULTS.repeatInterval,
    continue: false,
    routes: [],
  };
  return buildNode(config, root, '0', 'route', new Set(destinationNames));
}

function buildNode(
  config: RouteConfigOutput,
  parent: Route,
  id: string,
  path: string,
  known: Set<string>,
): Route {
  const receiver = config.receiver ?? parent.receiver;
  if (!known.has(receiver)) {
    throw new AlertsError(
      'UNKNOWN_RECEIVER',
      `${path}.receiver "${receiver}" names no destination; use one of ${[...known].join(', ') || '(none configured)'}`,
    );
  }

  const groupBy = config.groupBy ?? parent.groupBy;
  const node: Route = {
    id,
    receiver,
    matchers: compileMatchers(config.matchers),
    groupBy: groupBy === 'all' || groupBy.includes('...') ? 'all' : groupBy,
    groupWait: config.groupWait ?? parent.groupWait,
    groupInterval: config.groupInterval ?? parent.groupInterval,
    repeatInterval: config.repeatInterval ?? parent.repeatInterval,
    continue: config.continue,
    routes: [],
  };
  node.routes = config.routes.map((child, index) =>
    buildNode(child, node, `${id}.${index}`, `${path}.routes[${index}]`, known),
  );
  return node;
}

/**
 * Finds the routes that take an alert, as Alertmanager does: the deepest
 * matching children win over their parent, siblings are tried in order and
 * matching stops at the first match unless it sets `continue`.
 */
export function matchRoutes(
  route: Route,
  labels: Record<string, string>,
): Route[] {
  if (!matchesAll(route.matchers, labels)) {
    return [];
  }

  const matched: Route[] = [];
  for (const child of route.routes) {
    const found = matchRoutes(child, labels);
    matched.push(...found);
    if (found.length > 0 && !child.continue) {
      break;
    }
  }
  return matched.length > 0 ? matched : [route];
}
