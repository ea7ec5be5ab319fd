/**
 * Bounded window of the last `capacity` values, kept both in arrival order
 * and sorted, so the median and the median absolute deviation cost
 * O(capacity) per point and no memory grows.
 */
export class SortedWindow {
  private readonly ring: Float64Array;
  private readonly sorted: Float64Array;
  private next = 0;
  private length = 0;

  constructor(readonly capacity: number) {
    this.ring = new Float64Array(capacity);
    this.sorted = new Float64Array(capacity);
  }

  /** Values in the window. */
  get size(): number {
    return this.length;
  }

  /** Adds a value, evicting the oldest one when the window is full. */
  push(value: number): void {
    if (this.length === this.capacity) {
      this.replaceSorted(this.ring[this.next]!, value);
    } else {
      this.insertSorted(value);
      this.length += 1;
    }
    this.ring[this.next] = value;
    this.next = (this.next + 1) % this.capacity;
  }

  /** Upper median of the window, or `NaN` when it is empty. */
  median(): number {
    return this.length === 0 ? Number.NaN : this.sorted[this.length >> 1]!;
  }

  /**
   * Median absolute deviation from `center`. The deviations below and above
   * `center` form two sorted runs, so the middle one is the k-th smallest of
   * two sorted arrays, found by binary search in O(log n).
   */
  medianAbsoluteDeviation(center: number): number {
    const n = this.length;
    if (n === 0) {
      return Number.NaN;
    }

    const sorted = this.sorted;
    const split = this.lowerBound(center, n);
    const belowCount = split;
    const aboveCount = n - split;
    const k = (n >> 1) + 1;
    const below = (i: number) => center - sorted[split - 1 - i]!;
    const above = (j: number) => sorted[split + j]! - center;
    let low = Math.max(0, k - aboveCount);
    let high = Math.min(k, belowCount);
    while (low <= high) {
      const i = (low + high) >> 1;
      const j = k - i;
      if (i < belowCount && j > 0 && above(j - 1) > below(i)) {
        low = i + 1;
      } else if (i > 0 && j < aboveCount && below(i - 1) > above(j)) {
        high = i - 1;
      } else {
        const fromBelow = i > 0 ? below(i - 1) : Number.NEGATIVE_INFINITY;
        const fromAbove = j > 0 ? above(j - 1) : Number.NEGATIVE_INFINITY;
        return Math.max(fromBelow, fromAbove);
      }
    }
    return Number.NaN;
  }

  /** Values in arrival order, oldest first. */
  values(): number[] {
    const out: number[] = [];
    const start = this.length === this.capacity ? this.next : 0;
    for (let i = 0; i < this.length; i += 1) {
      out.push(this.ring[(start + i) % this.capacity]!);
    }
    return out;
  }

  private lowerBound(value: number, end: number): number {
    let low = 0;
    let high = end;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.sorted[mid]! < value) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }

  /**
   * Inserts into the sorted prefix of `length` values, shifting by hand (faster
   * than copyWithin for small windows).
   */
  private insertSorted(value: number): void {
    const sorted = this.sorted;
    let i = this.length;
    while (i > 0 && sorted[i - 1]! > value) {
      sorted[i] = sorted[i - 1]!;
      i -= 1;
    }
    sorted[i] = value;
  }

  /**
   * Removes `old` and inserts `value` in one pass over the values between them.
   */
  private replaceSorted(old: number, value: number): void {
    const sorted = this.sorted;
    let i = this.lowerBound(old, this.length);
    if (value >= old) {
      while (i + 1 < this.length && sorted[i + 1]! < value) {
        sorted[i] = sorted[i + 1]!;
        i += 1;
      }
    } else {
      while (i > 0 && sorted[i - 1]! > value) {
        sorted[i] = sorted[i - 1]!;
        i -= 1;
      }
    }
    sorted[i] = value;
  }
}
