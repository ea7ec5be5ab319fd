import { describe, expect, test } from 'vitest';
import { PSquareQuantile } from '../../src/index.js';
import { seededNormal, seededRandom } from '../helpers/streams.js';

describe('PSquareQuantile', () => {
  test('tracks the 95th percentile', () => {
    const random = seededRandom(3);
    const sketch = new PSquareQuantile(0.95);
    for (let i = 0; i < 20_000; i += 1) {
      sketch.add(random());
    }
    expect(sketch.value()).toBeCloseTo(0.95, 2);
  });

  test('tracks a normal median', () => {
    const normal = seededNormal(5);
    const sketch = new PSquareQuantile(0.5);
    for (let i = 0; i < 20_000; i += 1) {
      sketch.add(10 + normal());
    }
    expect(sketch.value()).toBeCloseTo(10, 1);
  });

  test('answers before five values', () => {
    const sketch = new PSquareQuantile(0.5);
    sketch.add(3);
    sketch.add(1);
    sketch.add(2);
    expect(sketch.value()).toBe(2);
  });

  test('round-trips through JSON', () => {
    const random = seededRandom(9);
    const sketch = new PSquareQuantile(0.9);
    for (let i = 0; i < 100; i += 1) {
      sketch.add(random());
    }
    const copy = PSquareQuantile.restore(JSON.parse(JSON.stringify(sketch)));
    copy.add(0.5);
    sketch.add(0.5);
    expect(copy.value()).toBe(sketch.value());
  });

  function filled(quantile: number): PSquareQuantile {
    const normal = seededNormal(9);
    const sketch = new PSquareQuantile(quantile);
    for (let i = 0; i < 5_000; i += 1) {
      sketch.add(normal());
    }
    return sketch;
  }

  test('shifts its estimate', () => {
    const sketch = filled(0.9);
    const before = sketch.value();
    sketch.shift(10);
    expect(sketch.value()).toBeCloseTo(before + 10, 9);
  });

  test('discount keeps the estimate', () => {
    const sketch = filled(0.9);
    const before = sketch.value();
    sketch.discount(500);
    expect(sketch.count).toBe(500);
    expect(sketch.value()).toBe(before);
  });

  test('discount speeds up learning', () => {
    const slow = filled(0.5);
    const fast = filled(0.5);
    fast.discount(500);
    for (let i = 0; i < 1_000; i += 1) {
      slow.add(5);
      fast.add(5);
    }
    expect(fast.value()).toBeGreaterThan(slow.value() + 1);
  });

  test('copies another sketch', () => {
    const copy = new PSquareQuantile(0.9);
    copy.copyFrom(filled(0.9));
    expect(copy.toJSON()).toEqual(filled(0.9).toJSON());
  });
});
