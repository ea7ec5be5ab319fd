import {
  type DetectorResult,
  type DetectorState,
  readNumber,
} from './detector.js';
import {
  checkAlgorithm,
  StreamDetector,
  type StreamDetectorOptions,
} from './stream-detector.js';

/** Options of `StalenessDetector`. */
export interface StalenessDetectorOptions extends StreamDetectorOptions {
  /**
   * Identical points in a row after which a gauge that used to move is frozen.
   * @default 30
   */
  frozenPoints?: number;
  /**
   * Silence, in ms, after which `checkSilence` reports no data. @default 60_000
   */
  noDataMs?: number;
}

/**
 * Detects stale data: a gauge that stops changing after it used to move
 * (a dead exporter repeating its last sample), and a stream that goes
 * silent. A gauge constant from its first point is not flagged.
 */
export class StalenessDetector extends StreamDetector {
  readonly algorithm = 'staleness';
  private readonly frozenPoints: number;
  private readonly noDataMs: number;
  private lastValue = Number.NaN;
  private repeats = 0;
  private varied = false;
  private lastSeen = Number.NaN;

  constructor(options: StalenessDetectorOptions = {}) {
    super({ ...options, warmUp: options.warmUp ?? 0 });
    this.frozenPoints = Math.max(2, options.frozenPoints ?? 30);
    this.noDataMs = options.noDataMs ?? 60_000;
  }

  /** Rebuilds a detector from the output of `toJSON()`. */
  static restore(
    state: DetectorState,
    options: StalenessDetectorOptions = {},
  ): StalenessDetector {
    checkAlgorithm(state, 'staleness');
    const detector = new StalenessDetector(options);
    detector.restoreShared(state);
    detector.lastValue = readNumber(state.lastValue, Number.NaN);
    detector.repeats = readNumber(state.repeats, 0);
    detector.varied = state.varied === true;
    detector.lastSeen = readNumber(state.lastSeen, Number.NaN);
    return detector;
  }

  /**
   * Reports whether the stream has been silent for more than `noDataMs` at
   * `now`.
   */
  checkSilence(now: number): DetectorResult {
    const silentMs = now - this.lastSeen;
    const silent = this.seen > 0 && silentMs > this.noDataMs;
    return {
      score: silent ? 1 : 0,
      anomalous: silent,
      expected: this.lastValue,
      lower: Number.NaN,
      upper: Number.NaN,
      reason: silent ? 'no data' : 'receiving data',
    };
  }

  protected scoreValue(timestamp: number, value: number): DetectorResult {
    if (value === this.lastValue) {
      this.repeats += 1;
    } else {
      this.varied ||= this.seen > 0;
      this.repeats = 0;
    }
    this.lastValue = value;
    if (Number.isFinite(timestamp) && !(timestamp < this.lastSeen)) {
      this.lastSeen = timestamp;
    }

    const frozen = this.varied && this.repeats + 1 >= this.frozenPoints;
    const score = frozen
      ? 1
      : this.varied
        ? this.repeats / this.frozenPoints
        : 0;
    return {
      score,
      anomalous: frozen,
      expected: value,
      lower: value,
      upper: value,
      reason: frozen ? 'frozen gauge' : 'changing',
    };
  }

  protected stateFields(): Record<string, unknown> {
    return {
      lastValue: Number.isFinite(this.lastValue) ? this.lastValue : null,
      repeats: this.repeats,
      varied: this.varied,
      lastSeen: Number.isFinite(this.lastSeen) ? this.lastSeen : null,
    };
  }
}
