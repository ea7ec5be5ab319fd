import { describe, expect, test } from 'vitest';
import { compileGoRegExp } from '../src/go-regexp.js';

describe('compileGoRegExp', () => {
  test.each([
    ['(?i)api', 'API', true],
    ['(?s)a.b', 'a\nb', true],
    ['a.b', 'a\nb', false],
    ['(?P<svc>api|web)', 'web', true],
    ['api', 'xapi', false],
  ])('%s on %j gives %s', (pattern, value, expected) => {
    expect(compileGoRegExp(pattern).test(value)).toBe(expected);
  });

  test('maps leading flags', () => {
    expect(compileGoRegExp('(?is)a').flags).toBe('is');
  });

  test('rejects the U flag', () => {
    expect(() => compileGoRegExp('(?U)a+')).toThrow(/flag "U"/);
  });
});
