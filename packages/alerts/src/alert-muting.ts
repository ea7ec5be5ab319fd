import type { Alert } from './alert.js';
import type { AlertStore } from './alert-store.js';
import {
  type InhibitionIndex,
  Inhibitor,
  type InhibitRuleInput,
} from './inhibitor.js';
import { SilenceStore } from './silences.js';

/**
 * Silences and inhibition rules of a router, which decide whether an alert
 * is muted. The inhibition index is rebuilt only after the set of firing
 * alerts in `store` changes.
 */
export class AlertMuting {
  /** Silences added by config or by `addSilence()`. */
  readonly silences = new SilenceStore();
  private readonly inhibitor: Inhibitor;
  private cachedIndex: { version: number; index: InhibitionIndex } | undefined;

  constructor(
    rules: readonly InhibitRuleInput[],
    private readonly store: AlertStore,
  ) {
    this.inhibitor = new Inhibitor(rules);
  }

  /** Returns the ids of the silences that mute an alert now. */
  silencedBy(alert: Alert, now: number): string[] {
    return this.silences.silencedBy(alert.labels, now);
  }

  /** Returns the fingerprints of the firing alerts that inhibit an alert. */
  inhibitedBy(alert: Alert): string[] {
    return this.inhibitor.inhibitedBy(alert, this.index());
  }

  /** Returns whether a silence or an inhibition rule mutes an alert now. */
  isMuted(alert: Alert, now: number): boolean {
    if (this.silencedBy(alert, now).length > 0) {
      return true;
    }
    return this.inhibitedBy(alert).length > 0;
  }

  private index(): InhibitionIndex {
    const { version } = this.store;
    if (!this.cachedIndex || this.cachedIndex.version !== version) {
      this.cachedIndex = {
        version,
        index: this.inhibitor.buildIndex(this.store.active.values()),
      };
    }
    return this.cachedIndex.index;
  }
}
