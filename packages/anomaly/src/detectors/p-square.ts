/**
 * P-square estimate of one quantile of a stream (Jain and Chlamtac, 1985):
 * five markers whose heights follow the quantile, so memory and time per
 * point are constant. The estimate covers everything seen since creation,
 * unless `shift` or `discount` changed the markers.
 */
export class PSquareQuantile {
  private readonly heights = new Float64Array(5);
  private readonly positions = new Float64Array(5);
  private readonly desired = new Float64Array(5);
  private readonly increments: Float64Array;
  private seen = 0;

  constructor(readonly quantile: number) {
    const p = quantile;
    this.increments = Float64Array.of(0, p / 2, p, (1 + p) / 2, 1);
    this.reset();
  }

  /** Values observed. */
  get count(): number {
    return this.seen;
  }

  /** Forgets every value. */
  reset(): void {
    const p = this.quantile;
    this.seen = 0;
    this.positions.set([1, 2, 3, 4, 5]);
    this.desired.set([1, 1 + 2 * p, 1 + 4 * p, 3 + 2 * p, 5]);
  }

  /** Adds one finite value. */
  add(value: number): void {
    const h = this.heights;
    if (this.seen < 5) {
      h[this.seen] = value;
      this.seen += 1;
      if (this.seen === 5) {
        h.sort();
      }
      return;
    }

    this.seen += 1;
    const cell = this.findCell(value);
    for (let i = cell + 1; i < 5; i += 1) {
      this.positions[i]! += 1;
    }
    for (let i = 0; i < 5; i += 1) {
      this.desired[i]! += this.increments[i]!;
    }
    for (let i = 1; i < 4; i += 1) {
      this.adjustMarker(i);
    }
  }

  /**
   * Moves every marker height by `delta`, which keeps the shape of the
   * learned distribution but moves it to a new level.
   */
  shift(delta: number): void {
    const count = Math.min(this.seen, 5);
    for (let i = 0; i < count; i += 1) {
      this.heights[i] = this.heights[i]! + delta;
    }
  }

  /** Replaces the markers with those of `source`, of the same quantile. */
  copyFrom(source: PSquareQuantile): void {
    this.seen = source.seen;
    this.heights.set(source.heights);
    this.positions.set(source.positions);
    this.desired.set(source.desired);
  }

  /**
   * Rescales the marker positions as if only `count` values had been seen,
   * so that new values move the markers faster. No effect on a sketch that
   * has seen `count` values or fewer.
   */
  discount(count: number): void {
    if (this.seen <= Math.max(count, 5)) {
      return;
    }
    const factor = (count - 1) / (this.seen - 1);
    for (let i = 0; i < 5; i += 1) {
      this.positions[i] = 1 + (this.positions[i]! - 1) * factor;
      this.desired[i] = 1 + (this.desired[i]! - 1) * factor;
    }
    this.seen = count;
  }

  /** Current estimate, or `NaN` before the first value. */
  value(): number {
    if (this.seen === 0) {
      return Number.NaN;
    }
    if (this.seen < 5) {
      const head = Array.from(this.heights.subarray(0, this.seen));
      head.sort((a, b) => a - b);
      const index = Math.round(this.quantile * (this.seen - 1));
      return head[index]!;
    }
    return this.heights[2]!;
  }

  /** Plain-object copy of the markers, for serialization. */
  toJSON(): {
    quantile: number;
    seen: number;
    heights: number[];
    positions: number[];
    desired: number[];
  } {
    return {
      quantile: this.quantile,
      seen: this.seen,
      heights: Array.from(this.heights),
      positions: Array.from(this.positions),
      desired: Array.from(this.desired),
    };
  }

  /** Rebuilds a sketch from the output of `toJSON()`. */
  static restore(
    state: ReturnType<PSquareQuantile['toJSON']>,
  ): PSquareQuantile {
    const sketch = new PSquareQuantile(state.quantile);
    sketch.seen = state.seen;
    sketch.heights.set(state.heights.slice(0, 5));
    sketch.positions.set(state.positions.slice(0, 5));
    sketch.desired.set(state.desired.slice(0, 5));
    return sketch;
  }

  /** Moves the outer markers if needed and returns the cell of `value`. */
  private findCell(value: number): number {
    const h = this.heights;
    if (value < h[0]!) {
      h[0] = value;
      return 0;
    }
    if (value >= h[4]!) {
      h[4] = value;
      return 3;
    }
    let cell = 0;
    while (cell < 3 && value >= h[cell + 1]!) {
      cell += 1;
    }
    return cell;
  }

  private adjustMarker(i: number): void {
    const n = this.positions;
    const offset = this.desired[i]! - n[i]!;
    const roomUp = n[i + 1]! - n[i]! > 1;
    const roomDown = n[i - 1]! - n[i]! < -1;
    if (!((offset >= 1 && roomUp) || (offset <= -1 && roomDown))) {
      return;
    }

    const step = offset >= 0 ? 1 : -1;
    const candidate = this.parabolic(i, step);
    const h = this.heights;
    if (h[i - 1]! < candidate && candidate < h[i + 1]!) {
      h[i] = candidate;
    } else {
      h[i] = h[i]! + (step * (h[i + step]! - h[i]!)) / (n[i + step]! - n[i]!);
    }
    n[i] = n[i]! + step;
  }

  /** Piecewise-parabolic prediction of marker `i` moved by `step`. */
  private parabolic(i: number, step: number): number {
    const h = this.heights;
    const n = this.positions;
    const spanAll = n[i + 1]! - n[i - 1]!;
    const upper =
      ((n[i]! - n[i - 1]! + step) * (h[i + 1]! - h[i]!)) / (n[i + 1]! - n[i]!);
    const lower =
      ((n[i + 1]! - n[i]! - step) * (h[i]! - h[i - 1]!)) / (n[i]! - n[i - 1]!);
    return h[i]! + (step / spanAll) * (upper + lower);
  }
}
