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
 * Firing source alerts of each rule, by the values of the rule's `equal`
 * labels. Each key lists up to two sources, enough to find one that is not
 * the target itself.
 */
export type InhibitionIndex = Map<string, string[]>[];

function equalKey(rule: InhibitRule, labels: Record<string, string>): string {
  return JSON.stringify(rule.equal.map((name) => labels[name] ?? ''));
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

  /** Indexes the firing alerts that match each rule's source matchers. */
  buildIndex(firing: Iterable<Alert>): InhibitionIndex {
    const index: InhibitionIndex = this.rules.map(() => new Map());
    if (this.rules.length === 0) {
      return index;
    }

    for (const alert of firing) {
      if (alert.status !== 'firing') {
        continue;
      }
      this.rules.forEach((rule, i) => {
        if (!matchesAll(rule.source, alert.labels)) {
          return;
        }
        const sources = index[i] as Map<string, string[]>;
        const key = equalKey(rule, alert.labels);
        const list = sources.get(key) ?? [];
        if (list.length < 2) {
          list.push(alert.fingerprint);
          sources.set(key, list);
        }
      });
    }
    return index;
  }

  /** Returns the fingerprints of the firing alerts that mute `alert`. */
  inhibitedBy(alert: Alert, index: InhibitionIndex): string[] {
    if (alert.status !== 'firing') {
      return [];
    }

    const sources: string[] = [];
    this.rules.forEach((rule, i) => {
      if (!matchesAll(rule.target, alert.labels)) {
        return;
      }
      const candidates = index[i]?.get(equalKey(rule, alert.labels)) ?? [];
      const source = candidates.find((f) => f !== alert.fingerprint);
      if (source !== undefined) {
        sources.push(source);
      }
    });
    return sources;
  }
}
