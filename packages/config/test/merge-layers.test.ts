import { describe, expect, test } from 'vitest';
import { indexPatches, mergeLayers } from '../src/merge-layers.js';

describe('mergeLayers', () => {
  test('merges objects by key', () => {
    expect(mergeLayers({ a: { b: 1, c: 2 } }, { a: { c: 3 } })).toEqual({
      a: { b: 1, c: 3 },
    });
  });

  test('replaces plain arrays', () => {
    expect(mergeLayers({ a: [1, 2, 3] }, { a: [9] })).toEqual({ a: [9] });
  });

  test('patches arrays by index', () => {
    const patch: unknown[] = [];
    patch[1] = { url: 'b' };
    indexPatches.add(patch);
    const merged = mergeLayers(
      { a: [{ url: 'x' }, { url: 'y', n: 1 }] },
      { a: patch },
    );
    expect(merged).toEqual({ a: [{ url: 'x' }, { url: 'b', n: 1 }] });
  });

  test('keeps base for undefined', () => {
    expect(mergeLayers({ a: 1 }, { a: undefined })).toEqual({ a: 1 });
  });

  test('leaves inputs unchanged', () => {
    const base = { a: { b: 1 } };
    mergeLayers(base, { a: { b: 2 } });
    expect(base).toEqual({ a: { b: 1 } });
  });
});
