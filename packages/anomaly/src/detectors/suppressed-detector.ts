import { AnomalyError } from '../errors.js';
import type {
  Detector,
  DetectorCounts,
  DetectorResult,
  DetectorState,
} from './detector.js';
import { readNumber } from './detector.js';
import { QuantileDetector } from './quantile-detector.js';
import { SeasonalBlendDetector } from './seasonal-blend-detector.js';

/** Options of `SuppressedDetector`. */
export interface SuppressedDetectorOptions {
  /**
   * Detector whose scores are filtered.
   * @default a `SeasonalBlendDetector` over a `QuantileDetector`
   */
  detector?: Detector;
  /**
   * Points after a reported peak during which the reference does not decay.
   * @default 100
   */
  hold?: number;
  /**
   * Factor by which the reference shrinks per point after the hold. @default
   * 0.99
   */
  decay?: number;
}

/**
 * Reports a score only when it exceeds a reference that remembers recent
 * peaks, and 0 otherwise: one incident yields one early detection instead
 * of a burst, which is what alerting (and NAB's one credit per window)
 * rewards. The reference holds for `hold` points after a peak, then decays.
 */
export class SuppressedDetector implements Detector {
  readonly algorithm = 'suppressed-quantile';
  private readonly inner: Detector;
  private readonly hold: number;
  private readonly decay: number;
  private reference = 0;
  private sincePeak = 0;

  constructor(options: SuppressedDetectorOptions = {}) {
    this.inner = options.detector ?? new SeasonalBlendDetector();
    this.hold = options.hold ?? 100;
    this.decay = options.decay ?? 0.99;
  }

  /**
   * Rebuilds a detector from `toJSON()` output; a custom inner detector is
   * restored by the caller and passed in.
   */
  static restore(
    state: DetectorState,
    options: SuppressedDetectorOptions = {},
  ): SuppressedDetector {
    if (state?.algorithm !== 'suppressed-quantile') {
      throw new AnomalyError(
        'ANOMALY_INVALID_STATE',
        `cannot restore a '${String(state?.algorithm)}' state into a 'suppressed-quantile' detector: pass a state that its toJSON() wrote`,
      );
    }
    const detector = new SuppressedDetector({
      ...options,
      detector: options.detector ?? restoreInner(state.inner as DetectorState),
    });
    detector.reference = readNumber(state.reference, 0);
    detector.sincePeak = readNumber(state.sincePeak, 0);
    return detector;
  }

  update(timestamp: number, value: number): DetectorResult {
    const result = this.inner.update(timestamp, value);
    if (result.reason === 'invalid value') {
      return result;
    }

    this.sincePeak += 1;
    if (result.score > this.reference) {
      this.reference = result.score;
      this.sincePeak = 0;
      return result;
    }
    if (this.sincePeak > this.hold) {
      this.reference *= this.decay;
    }
    if (result.score === 0) {
      return result;
    }
    return {
      ...result,
      score: 0,
      anomalous: false,
      reason: result.anomalous ? 'suppressed repeat' : result.reason,
    };
  }

  counts(): DetectorCounts {
    return this.inner.counts();
  }

  toJSON(): DetectorState {
    return {
      algorithm: this.algorithm,
      version: 1,
      counts: this.counts(),
      reference: this.reference,
      sincePeak: this.sincePeak,
      inner: this.inner.toJSON(),
    };
  }
}

/** Restores the built-in inner detectors; others are restored by the caller. */
function restoreInner(state: DetectorState): Detector {
  return state?.algorithm === 'quantile'
    ? QuantileDetector.restore(state)
    : SeasonalBlendDetector.restore(state);
}
