import type { DetectorResult } from '../detectors/detector.js';
import { Hysteresis } from '../detectors/hysteresis.js';
import type { AnomalyEvent, AnomalySignal } from './anomaly-event.js';

/** Identity of one watched signal. */
export interface SignalKey {
  signal: AnomalySignal;
  model: string;
  resource?: string;
}

/** Hysteresis settings of one signal, in ms of event time. */
export interface SignalGateOptions {
  threshold: number;
  fireAfterMs: number;
  clearAfterMs: number;
  coolDownMs: number;
}

/**
 * Alert state of one signal of one model: passes detector results through
 * hysteresis and builds the firing and resolved events.
 */
export class SignalTracker {
  private readonly gate: Hysteresis;
  private readonly threshold: number;
  private sequence = 0;
  /** Firing event of the current anomaly, if one is active. */
  active: AnomalyEvent | undefined;

  constructor(
    readonly key: SignalKey,
    options: SignalGateOptions,
  ) {
    this.gate = new Hysteresis(options);
    this.threshold = options.threshold;
  }

  /** Feeds one scored observation and returns the event it caused, if any. */
  observe(
    timestamp: number,
    observed: number,
    result: DetectorResult,
  ): AnomalyEvent | undefined {
    const transition = this.gate.step(timestamp, result.score);
    if (transition === 'fired') {
      this.sequence += 1;
      this.active = this.buildEvent(timestamp, observed, result);
      return this.active;
    }
    if (transition === 'resolved' && this.active !== undefined) {
      const resolved: AnomalyEvent = {
        ...this.active,
        status: 'resolved',
        observed,
        score: result.score,
        reason: result.reason,
        resolvedAt: timestamp,
      };
      this.active = undefined;
      return resolved;
    }
    return undefined;
  }

  private buildEvent(
    timestamp: number,
    observed: number,
    result: DetectorResult,
  ): AnomalyEvent {
    const { signal, model, resource } = this.key;
    const name = resource === undefined ? signal : `${signal}:${resource}`;
    const critical = result.score >= Math.max(0.9, (1 + this.threshold) / 2);
    const event: AnomalyEvent = {
      id: `${model}/${name}/${timestamp}-${this.sequence}`,
      status: 'firing',
      signal,
      model,
      severity: critical ? 'critical' : 'warning',
      observed,
      expected: result.expected,
      lower: result.lower,
      upper: result.upper,
      score: result.score,
      reason: result.reason,
      startedAt: timestamp,
    };
    if (resource !== undefined) {
      event.resource = resource;
    }
    const exhaustion = (result as { timeToExhaustionMs?: number })
      .timeToExhaustionMs;
    if (exhaustion !== undefined && Number.isFinite(exhaustion)) {
      event.timeToExhaustionMs = exhaustion;
    }
    return event;
  }
}
