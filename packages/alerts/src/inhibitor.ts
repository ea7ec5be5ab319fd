import type { Alert } from './alert.js';
import { compileMatchers, type MatcherSet, matchesAll } from './matcher.js';

/** Inhibition rule as the config gives it. */
export interface InhibitRuleInput {
  sourceMatchers: string | string[];
  targetMatchers: string | string[];
  equal: string[];
}

interface InhibitRule {
  source: MatcherSet;
  target: MatcherSet;
  equal: string[];
}

/**
 * Decides which alerts are muted by firing source alerts. It looks only at
 * which alerts fire now, never at their start times, so an alert that fired
 * before a restart and is sent again still mutes its targets.
 */
export class Inhibitor {
  private readonly rules: InhibitRule[];

  constructor(rules: readonly InhibitRuleInput[]) {
    this.rules = rules.map((rule) => ({
      source: compileMatchers(rule.sourceMatchers),
      target: compileMatchers(rule.targetMatchers),
      equal: rule.equal,
    }));
  }

  /** Returns the fingerprints of the firing alerts that mute `alert`. */
  inhibitedBy(alert: Alert, firing: Iterable<Alert>): string[] {
    if (alert.status !== 'firing' || this.rules.length === 0) {
      return [];
    }

    const sources: string[] = [];
    for (const rule of this.rules) {
      if (!matchesAll(rule.target, alert.labels)) {
        continue;
      }
      for (const source of firing) {
        if (this.mutes(rule, source, alert)) {
          sources.push(source.fingerprint);
          break;
        }
      }
    }
    return sources;
  }

  private mutes(rule: InhibitRule, source: Alert, target: Alert): boolean {
    if (source.fingerprint === target.fingerprint) {
      return false;
    }
    if (source.status !== 'firing' || !matchesAll(rule.source, source.labels)) {
      return false;
    }
    return rule.equal.every(
      (name) => (source.labels[name] ?? '') === (target.labels[name] ?? ''),
    );
  }
}
