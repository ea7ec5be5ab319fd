import { AnomalyError } from '../errors.js';
import { CusumDetector } from './cusum-detector.js';
import {
  type Detector,
  type DetectorCounts,
  type DetectorResult,
  type DetectorState,
  invalidResult,
  isUsableValue,
  readCounts,
  readNumber,
  zeroCounts,
} from './detector.js';
import { EwmaDetector } from './ewma-detector.js';
import { Hysteresis, type HysteresisState } from './hysteresis.js';
import { RobustDetector } from './robust-detector.js';

/** Options of `EnsembleDetector`. */
export interface EnsembleDetectorOptions {
  /**
   * Detectors whose scores are combined. @default EWMA, robust median/MAD and
   * CUSUM over `window`
   */
  detectors?: Detector[];
  /** Points of memory of the default detectors. @default 64 */
  window?: number;
  /** Score at or above which a point counts as anomalous. @default 0.7 */
  threshold?: number;
  /** Valid points before the ensemble may score above 0. @default 30 */
  warmUp?: number;
  /**
   * Event time, in ms, a high score must last before the verdict turns
   * anomalous. @default 0
   */
  fireAfterMs?: number;
  /**
   * Event time, in ms, a low score must last before the verdict turns normal.
   * @default 0
   */
  clearAfterMs?: number;
  /**
   * Event time, in ms, after a resolve during which the verdict stays normal.
   * @default 0
   */
  coolDownMs?: number;
}

/**
 * Combines several detectors into one score (the highest of theirs) and
 * turns it into a verdict with warm-up, hysteresis and cool-down, so that
 * an alert neither fires on one noisy point nor flaps.
 */
export class EnsembleDetector implements Detector {
  readonly algorithm = 'ensemble';
  private readonly detectors: Detector[];
  private readonly warmUp: number;
  private readonly gate: Hysteresis;
  private pointCounts: DetectorCounts = zeroCounts();
  private seen = 0;

  constructor(options: EnsembleDetectorOptions = {}) {
    const window = options.window ?? 64;
    const threshold = options.threshold ?? 0.7;
    this.detectors = options.detectors ?? [
      new EwmaDetector({ window, threshold, warmUp: 0 }),
      new RobustDetector({ window, threshold, warmUp: 0 }),
      new CusumDetector({ window: window * 4, threshold, warmUp: window }),
    ];
    if (this.detectors.length === 0) {
      throw new AnomalyError(
        'ANOMALY_INVALID_OPTIONS',
        'EnsembleDetector received an empty detectors list: pass at least one detector or omit the option',
      );
    }
    this.warmUp = options.warmUp ?? 30;
    this.gate = new Hysteresis({ ...options, threshold });
  }

  /**
   * Rebuilds an ensemble of the default detectors from `toJSON()` output.
   * An ensemble of custom detectors restores them first and passes them in
   * `options.detectors`, and this function then loads only its own state.
   */
  static restore(
    state: DetectorState,
    options: EnsembleDetectorOptions = {},
  ): EnsembleDetector {
    if (state?.algorithm !== 'ensemble') {
      throw new AnomalyError(
        'ANOMALY_INVALID_STATE',
        `cannot restore a '${String(state?.algorithm)}' state into an 'ensemble' detector: pass a state that its toJSON() wrote`,
      );
    }
    const children = (state.detectors ?? []) as DetectorState[];
    const detectors = options.detectors ?? [
      EwmaDetector.restore(children[0]!, {
        window: options.window,
        threshold: options.threshold,
        warmUp: 0,
      }),
      RobustDetector.restore(children[1]!, {
        window: options.window,
        threshold: options.threshold,
        warmUp: 0,
      }),
      CusumDetector.restore(children[2]!, {
        window: (options.window ?? 64) * 4,
        threshold: options.threshold,
        warmUp: options.window ?? 64,
      }),
    ];
    const ensemble = new EnsembleDetector({ ...options, detectors });
    ensemble.pointCounts = readCounts(state.counts);
    ensemble.seen = readNumber(state.seen, 0);
    ensemble.gate.load(state.gate as HysteresisState);
    return ensemble;
  }

  update(timestamp: number, value: number): DetectorResult {
    if (!isUsableValue(value)) {
      this.pointCounts.points += 1;
      this.pointCounts.invalid += 1;
      return invalidResult('invalid value');
    }

    let best: DetectorResult | undefined;
    let first: DetectorResult | undefined;
    for (const detector of this.detectors) {
      const result = detector.update(timestamp, value);
      first ??= result;
      if (best === undefined || result.score > best.score) {
        best = result;
      }
    }
    this.pointCounts.points += 1;
    this.seen += 1;

    const warmingUp = this.seen <= this.warmUp;
    const score = warmingUp ? 0 : best!.score;
    this.gate.step(timestamp, score);
    const anomalous = this.gate.firing;
    return {
      score,
      anomalous,
      expected: first!.expected,
      lower: first!.lower,
      upper: first!.upper,
      reason: warmingUp
        ? 'warming up'
        : anomalous
          ? best!.reason
          : first!.reason,
    };
  }

  counts(): DetectorCounts {
    const outOfOrder = this.detectors[0]!.counts().outOfOrder;
    return { ...this.pointCounts, outOfOrder };
  }

  toJSON(): DetectorState {
    return {
      algorithm: this.algorithm,
      version: 1,
      counts: this.counts(),
      seen: this.seen,
      gate: this.gate.toJSON(),
      detectors: this.detectors.map((detector) => detector.toJSON()),
    };
  }
}
