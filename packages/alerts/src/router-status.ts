import type { Alert } from './alert.js';
import type { DeadLetterLog } from './delivery/dead-letter.js';
import type { DeliveryQueue } from './delivery/delivery-queue.js';
import type { DestinationStatus } from './delivery/destination-status.js';
import type { Outbox } from './delivery/outbox.js';

/** Counts and health of an `AlertRouter`. */
export interface AlertRouterStatus {
  /** Whether some destination or file is not working as it should. */
  degraded: boolean;
  /** Reason for the degradation, or undefined. */
  degradationReason: string | undefined;
  /** Alert counts. */
  alerts: {
    /** Alerts passed to `send()`. */
    received: number;
    /** Alerts rejected as invalid (missing name, bad time, …). */
    invalid: number;
    /** Alerts dropped because the router was closed or disabled. */
    dropped: number;
    /** Repeats of an unchanged alert, merged with the first. */
    deduplicated: number;
    /** Firing alerts resolved on their own because their end passed. */
    expired: number;
    /** Firing alerts held now. */
    active: number;
    /** Firing alerts muted by a silence now. */
    silenced: number;
    /** Firing alerts muted by an inhibition rule now. */
    inhibited: number;
  };
  /** Alert groups held now. */
  groups: number;
  /** Notification counts. */
  notifications: {
    /** Notifications created, the mirrored ones included. */
    created: number;
    /**
     * Notifications created only to re-post firing alerts to a destination
     * that mirrors alert state (`mirrorsState`).
     */
    mirrored: number;
    /** Templates that failed and were replaced by plain text. */
    templateFailures: number;
    /** Notifications from the outbox queued again at startup. */
    recovered: number;
    /** Errors thrown by the `onNotificationOutcome` handler. */
    outcomeHandlerErrors: number;
  };
  /** Status of each destination, by name. */
  destinations: Record<string, DestinationStatus>;
}

/** State of an alert as `listAlerts()` shows it. */
export type AlertState = 'active' | 'silenced' | 'inhibited' | 'resolved';

/** Alert with its state, as `listAlerts()` returns it. */
export interface AlertWithState extends Alert {
  /** State now. */
  state: AlertState;
  /** Ids of the silences that mute it. */
  silencedBy: string[];
  /** Fingerprints of the alerts that inhibit it. */
  inhibitedBy: string[];
}

/** Outcome of `flush()` or `close()`. */
export interface FlushResult {
  /** Whether every queue emptied within the timeout. */
  drained: boolean;
  /** Notifications still waiting when it returned. */
  pending: number;
}

/** Router counters that `getStatus()` reports. */
export interface RouterCounts {
  received: number;
  invalid: number;
  dropped: number;
  deduplicated: number;
  created: number;
  templateFailures: number;
  recovered: number;
  internalErrors: number;
  expired: number;
  outcomeHandlerErrors: number;
  mirrored: number;
}

/** Returns router counters that all start at zero. */
export function emptyRouterCounts(): RouterCounts {
  return {
    received: 0,
    invalid: 0,
    dropped: 0,
    deduplicated: 0,
    created: 0,
    templateFailures: 0,
    recovered: 0,
    internalErrors: 0,
    expired: 0,
    outcomeHandlerErrors: 0,
    mirrored: 0,
  };
}

/**
 * Adds its state to an alert: `resolved` when it no longer fires, else
 * `silenced` before `inhibited` before `active`.
 */
export function withState(
  alert: Alert,
  silencedBy: string[],
  inhibitedBy: string[],
): AlertWithState {
  let state: AlertState = 'active';
  if (alert.status === 'resolved') {
    state = 'resolved';
  } else if (silencedBy.length > 0) {
    state = 'silenced';
  } else if (inhibitedBy.length > 0) {
    state = 'inhibited';
  }
  return { ...alert, state, silencedBy, inhibitedBy };
}

/** Firing alerts muted now, by a silence or else by inhibition. */
export interface MutedCounts {
  silenced: number;
  inhibited: number;
}

/**
 * Counts muted firing alerts the way `withState` states them, without
 * copying each alert, so that `getStatus()` stays cheap with many alerts.
 */
export function countMuted(
  alerts: Iterable<Alert>,
  isSilenced: (alert: Alert) => boolean,
  isInhibited: (alert: Alert) => boolean,
): MutedCounts {
  const muted = { silenced: 0, inhibited: 0 };
  for (const alert of alerts) {
    if (isSilenced(alert)) {
      muted.silenced += 1;
    } else if (isInhibited(alert)) {
      muted.inhibited += 1;
    }
  }
  return muted;
}

/** Builds the status object from the router's parts. */
export function buildStatus(parts: {
  queues: ReadonlyMap<string, DeliveryQueue>;
  deadLetters: DeadLetterLog;
  outbox: Outbox | undefined;
  counts: RouterCounts;
  muted: MutedCounts;
  activeCount: number;
  groupCount: number;
}): AlertRouterStatus {
  const { counts, deadLetters, muted } = parts;
  const destinations: AlertRouterStatus['destinations'] = {};
  const reasons: string[] = [];
  for (const [name, queue] of parts.queues) {
    const status = queue.status();
    destinations[name] = status;
    if (status.state === 'circuit-open') {
      reasons.push(`destination "${name}" circuit open (${status.lastError})`);
    }
    if (status.deadLettered > 0) {
      reasons.push(
        `destination "${name}" dead-lettered ${status.deadLettered}`,
      );
    }
  }
  if (deadLetters.writeErrors > 0) {
    reasons.push(
      `dead-letter file write failed ${deadLetters.writeErrors} times (${deadLetters.lastWriteError})`,
    );
  }
  if (parts.outbox && parts.outbox.writeErrors > 0) {
    reasons.push(
      `outbox file write failed ${parts.outbox.writeErrors} times (${parts.outbox.lastWriteError})`,
    );
  }
  if (counts.outcomeHandlerErrors > 0) {
    reasons.push(
      `onNotificationOutcome handler failed ${counts.outcomeHandlerErrors} times`,
    );
  }
  if (counts.internalErrors > 0) {
    reasons.push(`${counts.internalErrors} alerts failed routing`);
  }

  return {
    degraded: reasons.length > 0,
    degradationReason: reasons.length > 0 ? reasons.join('; ') : undefined,
    alerts: {
      received: counts.received,
      invalid: counts.invalid,
      dropped: counts.dropped,
      deduplicated: counts.deduplicated,
      expired: counts.expired,
      active: parts.activeCount,
      silenced: muted.silenced,
      inhibited: muted.inhibited,
    },
    groups: parts.groupCount,
    notifications: {
      created: counts.created,
      mirrored: counts.mirrored,
      templateFailures: counts.templateFailures,
      recovered: counts.recovered,
      outcomeHandlerErrors: counts.outcomeHandlerErrors,
    },
    destinations,
  };
}
