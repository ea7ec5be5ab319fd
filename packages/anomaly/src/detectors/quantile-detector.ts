import { AnomalyError } from '../errors.js';
import {
  type DetectorResult,
  type DetectorState,
  readNumber,
  scoreFromDeviations,
} from './detector.js';
import { LevelShift } from './level-shift.js';
import { PSquareQuantile } from './p-square.js';
import {
  bandResult,
  checkAlgorithm,
  StreamDetector,
  type StreamDetectorOptions,
} from './stream-detector.js';

/** Options of `QuantileDetector`. */
export interface QuantileDetectorOptions extends StreamDetectorOptions {
  /** Valid points before the tail quantiles are trusted. @default 100 */
  warmUp?: number;
  /**
   * Inner upper quantile of the band; the outer one is ten times closer to
   * 1, and the lower edges mirror both. @default 0.99
   */
  quantile?: number;
  /**
   * Points of a lasting level shift after which the sketches move to the
   * new level (0 never moves them). A shift of at least 4 spreads moves
   * them after this many points, a smaller one later, a short burst never.
   * @default 100
   */
  rebaseAfter?: number;
}

/**
 * History, in multiples of `rebaseAfter`, that the sketches keep after a
 * rebase, so that the tails forget the points of the transition.
 */
const DISCOUNT_FACTOR = 5;

/**
 * Standard normal quantile, by Acklam's rational approximation (error below
 * 1.2e-9).
 */
export function normalQuantile(p: number): number {
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269,
    -30.66479806614716, 2.506628277459239,
  ];
  const b = [
    -54.47609879822406, 161.5858368580409, -155.6989798598866,
    66.80131188771972, -13.28068155288572,
  ];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838,
    -2.549732539343734, 4.374664141464968, 2.938163982698783,
  ];
  const d = [
    0.007784695709041462, 0.3224671290700398, 2.445134137142996,
    3.754408661907416,
  ];
  const tail = (q: number) =>
    (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q +
      c[5]!) /
    ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);

  if (p < 0.02425) {
    return tail(Math.sqrt(-2 * Math.log(p)));
  }
  if (p > 1 - 0.02425) {
    return -tail(Math.sqrt(-2 * Math.log(1 - p)));
  }
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r +
      a[5]!) *
      q) /
    (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1)
  );
}

/**
 * Scores each point against streaming quantiles of everything seen so far:
 * P-square sketches of the median and of an inner and an outer tail
 * quantile on each side. The spread is the geometric mean of what the two
 * tails imply for normal data, so a heavy tail widens the band on its own.
 * After a lasting level shift (see `rebaseAfter`) the sketches move to the
 * new level, so it stops scoring as unusual.
 */
export class QuantileDetector extends StreamDetector {
  readonly algorithm = 'quantile';
  private sketches: PSquareQuantile[];
  /** Copies of the tail sketches from before the current shift runs. */
  private tailsBefore: PSquareQuantile[];
  private readonly innerDeviations: number;
  private readonly outerDeviations: number;
  private readonly rebaseAfter: number;
  private readonly shift = new LevelShift();

  constructor(options: QuantileDetectorOptions = {}) {
    super({ ...options, warmUp: options.warmUp ?? 100 });
    const inner = Math.min(Math.max(options.quantile ?? 0.99, 0.6), 0.999);
    const outer = 1 - (1 - inner) / 10;
    const quantiles = [0.5, inner, 1 - inner, outer, 1 - outer];
    this.sketches = quantiles.map((q) => new PSquareQuantile(q));
    this.tailsBefore = quantiles.map((q) => new PSquareQuantile(q));
    this.innerDeviations = normalQuantile(inner);
    this.outerDeviations = normalQuantile(outer);
    this.rebaseAfter = Math.max(0, options.rebaseAfter ?? 100);
  }

  /** Rebuilds a detector from the output of `toJSON()`. */
  static restore(
    state: DetectorState,
    options: QuantileDetectorOptions = {},
  ): QuantileDetector {
    checkAlgorithm(state, 'quantile');
    const sketches = state.sketches as ReturnType<PSquareQuantile['toJSON']>[];
    if (!Array.isArray(sketches) || sketches.length !== 5) {
      throw new AnomalyError(
        'ANOMALY_INVALID_STATE',
        'quantile state needs 5 sketches: pass the object that toJSON() returned',
      );
    }
    const detector = new QuantileDetector({
      rebaseAfter: readNumber(state.rebaseAfter, 100),
      ...options,
      quantile: sketches[1]!.quantile,
    });
    detector.restoreShared(state);
    detector.shift.restore(state.shift);
    detector.sketches = sketches.map((sketch) =>
      PSquareQuantile.restore(sketch),
    );
    const before = state.tailsBefore as typeof sketches;
    detector.tailsBefore = (
      Array.isArray(before) && before.length === 5 ? before : sketches
    ).map((sketch) => PSquareQuantile.restore(sketch));
    return detector;
  }

  protected scoreValue(_timestamp: number, value: number): DetectorResult {
    const [median, innerHigh, innerLow, outerHigh, outerLow] = this.sketches;
    const center = median!.value();
    let result: DetectorResult;
    if (median!.count === 0) {
      result = bandResult(value, 0, value, 0, this.threshold, true);
    } else {
      const up = value >= center;
      const floor = 1e-9 * Math.max(1, Math.abs(center));
      const inner = up ? innerHigh!.value() : innerLow!.value();
      const outer = up ? outerHigh!.value() : outerLow!.value();
      const innerSpread = Math.abs(inner - center) / this.innerDeviations;
      const outerSpread = Math.abs(outer - center) / this.outerDeviations;
      const spread = Math.sqrt(
        Math.max(innerSpread, floor) * Math.max(outerSpread, floor),
      );
      const score = scoreFromDeviations(Math.abs(value - center) / spread);
      result = bandResult(
        value,
        score,
        center,
        spread,
        this.threshold,
        this.warmingUp(),
      );
      this.followShift(value, (value - center) / spread, center);
    }

    for (const sketch of this.sketches) {
      sketch.add(value);
    }
    return result;
  }

  protected stateFields(): Record<string, unknown> {
    return {
      sketches: this.sketches.map((sketch) => sketch.toJSON()),
      rebaseAfter: this.rebaseAfter,
      shift: this.shift.toJSON(),
      tailsBefore: this.tailsBefore.map((sketch) => sketch.toJSON()),
    };
  }

  /** Copies the tail sketches at `inner` and `outer` into `tailsBefore`. */
  private saveTails(inner: number, outer: number): void {
    this.tailsBefore[inner]!.copyFrom(this.sketches[inner]!);
    this.tailsBefore[outer]!.copyFrom(this.sketches[outer]!);
  }

  /**
   * Feeds the signed deviation of a point to the shift sums and, once they
   * confirm a lasting shift, moves the sketches to the mean of that shift.
   */
  private followShift(value: number, deviations: number, center: number) {
    const history = DISCOUNT_FACTOR * this.rebaseAfter;
    if (this.rebaseAfter === 0 || this.seen < history) {
      return;
    }
    const limit = this.rebaseAfter * LevelShift.maxStep;
    const level = this.shift.add(value, deviations, limit);
    if (this.shift.startedHigh()) {
      this.saveTails(1, 3);
    }
    if (this.shift.startedLow()) {
      this.saveTails(2, 4);
    }
    if (Number.isNaN(level)) {
      return;
    }

    // The points of the transition stretched the tails on the side of the
    // shift, so that side goes back to its copy from before the run.
    const side = level > center ? [1, 3] : [2, 4];
    for (const i of side) {
      this.sketches[i]!.copyFrom(this.tailsBefore[i]!);
    }
    for (const sketch of this.sketches) {
      sketch.shift(level - center);
      sketch.discount(history);
    }
  }
}
