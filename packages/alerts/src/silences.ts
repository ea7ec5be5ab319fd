import { randomUUID } from 'node:crypto';
import { AlertsError } from './errors.js';
import {
  compileMatchers,
  formatMatchers,
  type Matcher,
  type MatcherSet,
  matchesAll,
} from './matcher.js';

/** Silence as a caller adds it. */
export interface SilenceInput {
  /** Matchers of the silenced alerts, in Alertmanager's syntax. */
  matchers: string | string[];
  /** Start of the silence. @default now */
  startsAt?: Date | string | number;
  /** End of the silence. */
  endsAt: Date | string | number;
  /** Author. @default 'api' */
  createdBy?: string;
  /** Reason for the silence. @default '' */
  comment?: string;
}

/** State of a silence at a given time. */
export type SilenceState = 'pending' | 'active' | 'expired';

/** Silence as `listSilences()` returns it. */
export interface Silence {
  /** Id that `expireSilence()` takes. */
  id: string;
  /** Parsed matchers. */
  matchers: Matcher[];
  /** Start time, ISO 8601. */
  startsAt: string;
  /** End time, ISO 8601. */
  endsAt: string;
  /** Author. */
  createdBy: string;
  /** Reason for the silence. */
  comment: string;
  /** State now. */
  state: SilenceState;
}

interface StoredSilence {
  id: string;
  matchers: MatcherSet;
  startsAt: number;
  endsAt: number;
  createdBy: string;
  comment: string;
}

function toMs(value: Date | string | number, field: string): number {
  if (value === undefined) {
    throw new AlertsError(
      'INVALID_SILENCE',
      `silence ${field} is missing; pass a Date, epoch milliseconds or an ISO 8601 string`,
    );
  }
  const ms =
    value instanceof Date ? value.getTime() : new Date(value).getTime();
  if (Number.isNaN(ms)) {
    throw new AlertsError(
      'INVALID_SILENCE',
      `silence ${field} ${JSON.stringify(value)} is not a valid time; pass a Date, epoch milliseconds or an ISO 8601 string`,
    );
  }
  return ms;
}

/** Set of silences: matchers plus a time range each. */
export class SilenceStore {
  private readonly silences = new Map<string, StoredSilence>();

  /** Adds a silence; throws `AlertsError` on invalid matchers or times. */
  add(input: SilenceInput, now: number): Silence {
    const matchers = compileMatchers(input.matchers);
    if (matchers.length === 0) {
      throw new AlertsError(
        'INVALID_SILENCE',
        'silence has no matchers, so it would mute every alert; give at least one matcher',
      );
    }
    // Like Alertmanager, a silence needs one matcher that a missing label
    // fails, since a missing label counts as "".
    if (matchesAll(matchers, {})) {
      throw new AlertsError(
        'INVALID_SILENCE',
        `silence ${formatMatchers(matchers)} matches the empty string with every matcher, so it would mute every alert; add a matcher that needs a label value`,
      );
    }
    const startsAt =
      input.startsAt === undefined ? now : toMs(input.startsAt, 'startsAt');
    const endsAt = toMs(input.endsAt, 'endsAt');
    if (endsAt <= startsAt) {
      throw new AlertsError(
        'INVALID_SILENCE',
        `silence endsAt ${new Date(endsAt).toISOString()} is not after startsAt ${new Date(startsAt).toISOString()}; pass a later endsAt`,
      );
    }

    const stored: StoredSilence = {
      id: randomUUID(),
      matchers,
      startsAt,
      endsAt,
      createdBy: input.createdBy ?? 'api',
      comment: input.comment ?? '',
    };
    this.silences.set(stored.id, stored);
    return this.describe(stored, now);
  }

  /** Lists all silences with their state now. */
  list(now: number): Silence[] {
    return [...this.silences.values()].map((s) => this.describe(s, now));
  }

  /** Ends a silence now; returns false when the id is unknown. */
  expire(id: string, now: number): boolean {
    const silence = this.silences.get(id);
    if (!silence) {
      return false;
    }
    silence.endsAt = Math.min(silence.endsAt, now);
    silence.startsAt = Math.min(silence.startsAt, silence.endsAt);
    return true;
  }

  /** Returns the ids of the active silences that match the labels. */
  silencedBy(labels: Record<string, string>, now: number): string[] {
    const ids: string[] = [];
    for (const silence of this.silences.values()) {
      const active = silence.startsAt <= now && now < silence.endsAt;
      if (active && matchesAll(silence.matchers, labels)) {
        ids.push(silence.id);
      }
    }
    return ids;
  }

  private describe(silence: StoredSilence, now: number): Silence {
    let state: SilenceState = 'active';
    if (now < silence.startsAt) {
      state = 'pending';
    } else if (now >= silence.endsAt) {
      state = 'expired';
    }
    return {
      id: silence.id,
      matchers: silence.matchers.map(({ name, operator, value }) => ({
        name,
        operator,
        value,
      })),
      startsAt: new Date(silence.startsAt).toISOString(),
      endsAt: new Date(silence.endsAt).toISOString(),
      createdBy: silence.createdBy,
      comment: silence.comment,
      state,
    };
  }
}
