import type { Alert } from './alert.js';

/**
 * Alerts that the router holds: the firing ones, and the latest resolved
 * ones up to `maxResolved`, oldest dropped first.
 */
export class AlertStore {
  /** Firing alerts by fingerprint. */
  readonly active = new Map<string, Alert>();
  /** Latest resolved alerts by fingerprint, oldest first. */
  readonly resolved = new Map<string, Alert>();
  /** Incremented whenever the set of firing alerts changes. */
  version = 0;
  /** Resolved alerts that this process never saw firing. */
  private readonly resolvedUnseen = new WeakSet<Alert>();

  constructor(private readonly maxResolved: number) {}

  /** Returns the stored alert with this fingerprint, firing or resolved. */
  get(fingerprint: string): Alert | undefined {
    return this.active.get(fingerprint) ?? this.resolved.get(fingerprint);
  }

  /**
   * Replaces a firing alert with a re-sent copy that has the same labels and
   * status. The set of firing alerts stays the same, so `version` does not
   * change and the inhibition index stays valid.
   */
  refresh(alert: Alert): void {
    this.active.set(alert.fingerprint, alert);
  }

  /** Stores a new or changed alert as firing or resolved. */
  put(alert: Alert): void {
    this.version += 1;
    if (alert.status === 'firing') {
      this.resolved.delete(alert.fingerprint);
      this.active.set(alert.fingerprint, alert);
      return;
    }

    if (!this.active.has(alert.fingerprint)) {
      this.resolvedUnseen.add(alert);
    }
    this.active.delete(alert.fingerprint);
    this.resolved.delete(alert.fingerprint);
    this.resolved.set(alert.fingerprint, alert);
    while (this.resolved.size > this.maxResolved) {
      const oldest = this.resolved.keys().next().value as string;
      this.resolved.delete(oldest);
    }
  }

  /**
   * Returns whether a resolved alert arrived without this process seeing it fire,
   * as after a restart, so its group must report it anyway.
   */
  isUnseen(alert: Alert): boolean {
    return this.resolvedUnseen.has(alert);
  }
}
