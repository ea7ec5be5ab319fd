import type { EventTime } from './monitor-types.js';

/**
 * Converts an event time to ms since the epoch: `undefined` reads the clock,
 * and a non-finite number or invalid date yields `NaN`.
 */
export function readEventTime(
  clock: () => number,
  time: EventTime | undefined,
): number {
  if (time === undefined) {
    return clock();
  }
  const ms = time instanceof Date ? time.getTime() : time;
  return typeof ms === 'number' && Number.isFinite(ms) ? ms : Number.NaN;
}
