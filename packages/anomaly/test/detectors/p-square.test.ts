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
});
