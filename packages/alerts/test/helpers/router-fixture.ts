import { AlertRouter } from '../../src/alert-router.js';
import { MemoryDestination } from '../../src/destinations/memory-destination.js';
import type { AlertRouterOptions } from '../../src/router-options.js';

/** Router with one memory destination `team` and short group timers. */
export function routerWithMemory(options: AlertRouterOptions = {}) {
  const memory = new MemoryDestination({ name: 'team' });
  const router = new AlertRouter({
    destinations: [memory],
    route: { groupWait: '10s', groupInterval: '1m', repeatInterval: '1h' },
    ...options,
  });
  return { memory, router };
}
