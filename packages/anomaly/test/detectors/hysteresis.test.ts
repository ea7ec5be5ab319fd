import { describe, expect, test } from 'vitest';
import { Hysteresis } from '../../src/index.js';

describe('Hysteresis', () => {
  const options = {
    threshold: 0.5,
    fireAfterMs: 20,
    clearAfterMs: 30,
    coolDownMs: 100,
  };

  test('waits before firing', () => {
    const gate = new Hysteresis(options);
    expect(gate.step(0, 0.9)).toBeUndefined();
    expect(gate.step(10, 0.9)).toBeUndefined();
    expect(gate.step(20, 0.9)).toBe('fired');
  });

  test('ignores a short blip', () => {
    const gate = new Hysteresis(options);
    gate.step(0, 0.9);
    gate.step(10, 0.1);
    expect(gate.step(20, 0.9)).toBeUndefined();
  });

  test('waits before resolving', () => {
    const gate = new Hysteresis(options);
    gate.step(0, 0.9);
    gate.step(20, 0.9);
    expect(gate.step(30, 0.1)).toBeUndefined();
    expect(gate.step(60, 0.1)).toBe('resolved');
  });

  test('holds during cool-down', () => {
    const gate = new Hysteresis({
      ...options,
      fireAfterMs: 0,
      clearAfterMs: 0,
    });
    gate.step(0, 0.9);
    gate.step(10, 0.1);
    expect(gate.step(50, 0.9)).toBeUndefined();
    expect(gate.step(120, 0.9)).toBe('fired');
  });

  test('round-trips its state', () => {
    const gate = new Hysteresis(options);
    gate.step(0, 0.9);
    const copy = new Hysteresis(options);
    copy.load(JSON.parse(JSON.stringify(gate)));
    expect(copy.step(20, 0.9)).toBe('fired');
  });
});
