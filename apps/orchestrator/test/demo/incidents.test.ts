import { describe, expect, it } from 'vitest';
import { findIncident } from '../../src/demo/incidents.js';

describe('findIncident', () => {
  it.each(['slowdown', 'errors', 'stall', 'leak'])('finds %s', (name) => {
    expect(findIncident(name)!.name).toBe(name);
  });

  it('returns nothing for none', () => {
    expect(findIncident('none')).toBeUndefined();
  });

  it('slows the code model threefold', () => {
    expect(findIncident('slowdown')).toMatchObject({
      target: 'code',
      faults: { slowdownFactor: 3 },
    });
  });

  it('rejects an unknown name', () => {
    expect(() => findIncident('Slowdown')).toThrowError(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
  });
});
