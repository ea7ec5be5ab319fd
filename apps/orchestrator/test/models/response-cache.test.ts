import { describe, expect, it } from 'vitest';
import { ResponseCache } from '../../src/models/response-cache.js';

describe('ResponseCache', () => {
  it('evicts the least recently used', () => {
    const cache = new ResponseCache<string>(2, 1000, () => 0);
    cache.set('a', 'A');
    cache.set('b', 'B');
    cache.get('a');
    cache.set('c', 'C');

    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe('A');
    expect(cache.get('c')).toBe('C');
  });

  it('expires entries after the TTL', () => {
    let now = 0;
    const cache = new ResponseCache<string>(10, 100, () => now);
    cache.set('a', 'A');

    now = 99;
    expect(cache.get('a')).toBe('A');
    now = 100;
    expect(cache.get('a')).toBeUndefined();
  });

  it('counts hits and misses', () => {
    const cache = new ResponseCache<string>(10, 100, () => 0);
    cache.set('a', 'A');
    cache.get('a');
    cache.get('b');

    expect(cache.stats()).toEqual({ size: 1, hits: 1, misses: 1 });
  });

  it('stores nothing at size zero', () => {
    const cache = new ResponseCache<string>(0, 100, () => 0);
    cache.set('a', 'A');

    expect(cache.enabled).toBe(false);
    expect(cache.get('a')).toBeUndefined();
  });
});
