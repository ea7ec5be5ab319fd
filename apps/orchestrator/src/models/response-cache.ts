interface Entry<V> {
  value: V;
  expiresAt: number;
}

/**
 * Least-recently-used cache whose entries also expire after a TTL. A `Map`
 * keeps insertion order, so re-inserting on each hit makes its first key the
 * least recently used one.
 */
export class ResponseCache<V> {
  private readonly entries = new Map<string, Entry<V>>();
  private hitCount = 0;
  private missCount = 0;

  constructor(
    private readonly maxSize: number,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Whether the cache stores anything at all. */
  get enabled(): boolean {
    return this.maxSize > 0 && this.ttlMs > 0;
  }

  /** Returns the value under `key`, or `undefined` if absent or expired. */
  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry || entry.expiresAt <= this.now()) {
      if (entry) {
        this.entries.delete(key);
      }
      this.missCount += 1;
      return undefined;
    }

    this.entries.delete(key);
    this.entries.set(key, entry);
    this.hitCount += 1;
    return entry.value;
  }

  /** Stores `value`, evicting the least recently used entry when full. */
  set(key: string, value: V): void {
    if (!this.enabled) {
      return;
    }

    this.entries.delete(key);
    this.entries.set(key, { value, expiresAt: this.now() + this.ttlMs });
    if (this.entries.size > this.maxSize) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) {
        this.entries.delete(oldest);
      }
    }
  }

  /** Removes every entry. */
  clear(): void {
    this.entries.clear();
  }

  /** Returns the entry count and the hits and misses so far. */
  stats(): { size: number; hits: number; misses: number } {
    return {
      size: this.entries.size,
      hits: this.hitCount,
      misses: this.missCount,
    };
  }
}
