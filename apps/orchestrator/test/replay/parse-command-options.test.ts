import { describe, expect, it } from 'vitest';
import { readNonNegative } from '../../src/replay/parse-command-options.js';

describe('readNonNegative', () => {
  it('accepts zero', () => {
    expect(readNonNegative({ from: '0' }, 'from', 7)).toBe(0);
  });

  it('returns the fallback when absent', () => {
    expect(readNonNegative({}, 'from', 7)).toBe(7);
  });

  it('rejects a negative number', () => {
    expect(() => readNonNegative({ from: '-1' }, 'from', 7)).toThrow(
      'invalid --from "-1", expected a number of 0 or more',
    );
  });
});
