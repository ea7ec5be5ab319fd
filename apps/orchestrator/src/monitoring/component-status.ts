import type { ComponentFailures } from './failure-tracker.js';

/** Status of one monitoring component in `/status`. */
export interface ComponentStatus extends ComponentFailures {
  /** Whether the component is configured on. */
  enabled: boolean;
  /** Whether it loses data or fails calls right now or did so before. */
  degraded: boolean;
  /** Reason for the degradation, or null. */
  degradationReason: string | null;
  /** The component's own `getStatus()` result, or null when off. */
  details: unknown;
}

/**
 * Merges the app's failure counts of a component with its own status. The
 * component is degraded when either reports it, with both reasons joined.
 */
export function componentStatus(
  enabled: boolean,
  failures: ComponentFailures,
  details: unknown,
  startError?: string,
): ComponentStatus {
  const reasons: string[] = [];
  if (startError !== undefined) {
    reasons.push(`failed to start: ${startError}`);
  }
  const own = details as {
    degraded?: boolean;
    degradationReason?: string | null;
  } | null;
  if (own?.degraded && own.degradationReason) {
    reasons.push(own.degradationReason);
  }
  if (failures.failures > 0) {
    reasons.push(
      `${failures.failures} calls from the app failed, the last with: ${failures.lastError}`,
    );
  }

  return {
    enabled,
    degraded: reasons.length > 0 || own?.degraded === true,
    degradationReason: reasons.length > 0 ? reasons.join('; ') : null,
    ...failures,
    details: details ?? null,
  };
}
