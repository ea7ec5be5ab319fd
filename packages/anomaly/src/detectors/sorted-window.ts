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
      this.removeSorted(this.ring[this.next]!);
    } else {
      this.length += 1;
    }
    this.ring[this.next] = value;
    this.next = (this.next + 1) % this.capacity;
    this.insertSorted(value);
  }

  /** Upper median of the window, or `NaN` when it is empty. */
  median(): number {
    return this.length === 0 ? Number.NaN : this.sorted[this.length >> 1]!;
  }

  /** Median absolute deviation from `center`, walking out from the middle. */
  medianAbsoluteDeviation(center: number): number {
    const n = this.length;
    if (n === 0) {
      return Number.NaN;
    }

    let right = this.lowerBound(center, n);
    let left = right - 1;
    let deviation = 0;
    for (let taken = 0; taken <= n >> 1; taken += 1) {
      const below = left >= 0 ? center - this.sorted[left]! : Infinity;
      const above = right < n ? this.sorted[right]! - center : Infinity;
      if (below <= above) {
        deviation = below;
        left -= 1;
      } else {
        deviation = above;
        right += 1;
      }
    }
    return deviation;
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

  private insertSorted(value: number): void {
    const end = this.length - 1;
    const at = this.lowerBound(value, end);
    this.sorted.copyWithin(at + 1, at, end);
    this.sorted[at] = value;
  }

  private removeSorted(value: number): void {
    const at = this.lowerBound(value, this.length);
    this.sorted.copyWithin(at, at + 1, this.length);
  }
}
