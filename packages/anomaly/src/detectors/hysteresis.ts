/** Options of `Hysteresis`. */
export interface HysteresisOptions {
  /** Score at or above which a point counts as anomalous. @default 0.7 */
  threshold?: number;
  /**
   * Time, in ms of event time, a high score must last before the alert fires.
   * @default 0
   */
  fireAfterMs?: number;
  /**
   * Time, in ms of event time, the score must stay low before the alert
   * resolves. @default 0
   */
  clearAfterMs?: number;
  /**
   * Time, in ms of event time, after a resolve during which no alert fires.
   * @default 0
   */
  coolDownMs?: number;
}

/** Phase of an alert driven by `Hysteresis`. */
export type AlertPhase = 'normal' | 'pending' | 'firing' | 'cooling';

/** Transition that one `Hysteresis.step` call caused, if any. */
export type AlertTransition = 'fired' | 'resolved' | undefined;

/** Serialized state of a `Hysteresis`. */
export interface HysteresisState {
  phase: AlertPhase;
  since: number | null;
  lowSince: number | null;
  firedAt: number | null;
}

/**
 * Turns a stream of scores into alert transitions that do not flap: a high
 * score must persist for `fireAfterMs` to fire, a low score for
 * `clearAfterMs` to resolve, and no alert fires again during `coolDownMs`.
 */
export class Hysteresis {
  private readonly threshold: number;
  private readonly fireAfterMs: number;
  private readonly clearAfterMs: number;
  private readonly coolDownMs: number;
  private phase: AlertPhase = 'normal';
  private since = Number.NaN;
  private lowSince = Number.NaN;
  private firedAt = Number.NaN;

  constructor(options: HysteresisOptions = {}) {
    this.threshold = options.threshold ?? 0.7;
    this.fireAfterMs = options.fireAfterMs ?? 0;
    this.clearAfterMs = options.clearAfterMs ?? 0;
    this.coolDownMs = options.coolDownMs ?? 0;
  }

  /** Current phase. */
  get current(): AlertPhase {
    return this.phase;
  }

  /** Event time at which the current alert fired, or `NaN`. */
  get firedAtMs(): number {
    return this.firedAt;
  }

  /** Whether the alert is firing. */
  get firing(): boolean {
    return this.phase === 'firing';
  }

  /**
   * Feeds the score of the point at `timestamp` and returns the transition it
   * caused.
   */
  step(timestamp: number, score: number): AlertTransition {
    const high = score >= this.threshold;
    if (this.phase === 'cooling') {
      if (timestamp - this.since < this.coolDownMs) {
        return undefined;
      }
      this.phase = 'normal';
    }

    if (this.phase === 'firing') {
      return this.stepFiring(timestamp, high);
    }
    if (!high) {
      this.phase = 'normal';
      return undefined;
    }
    if (this.phase === 'normal') {
      this.phase = 'pending';
      this.since = timestamp;
    }
    if (timestamp - this.since >= this.fireAfterMs) {
      this.phase = 'firing';
      this.firedAt = timestamp;
      this.lowSince = Number.NaN;
      return 'fired';
    }
    return undefined;
  }

  /** Plain-object copy of the state, for serialization. */
  toJSON(): HysteresisState {
    const orNull = (value: number) => (Number.isFinite(value) ? value : null);
    return {
      phase: this.phase,
      since: orNull(this.since),
      lowSince: orNull(this.lowSince),
      firedAt: orNull(this.firedAt),
    };
  }

  /** Loads a state written by `toJSON()`. */
  load(state: HysteresisState | undefined): void {
    const phases: AlertPhase[] = ['normal', 'pending', 'firing', 'cooling'];
    this.phase = phases.includes(state?.phase as AlertPhase)
      ? (state?.phase as AlertPhase)
      : 'normal';
    this.since = state?.since ?? Number.NaN;
    this.lowSince = state?.lowSince ?? Number.NaN;
    this.firedAt = state?.firedAt ?? Number.NaN;
  }

  private stepFiring(timestamp: number, high: boolean): AlertTransition {
    if (high) {
      this.lowSince = Number.NaN;
      return undefined;
    }
    if (Number.isNaN(this.lowSince)) {
      this.lowSince = timestamp;
    }
    if (timestamp - this.lowSince < this.clearAfterMs) {
      return undefined;
    }

    this.phase = 'cooling';
    this.since = timestamp;
    return 'resolved';
  }
}
