import { describe, expect, test } from 'vitest';
import {
  compileMatchers,
  formatMatchers,
  matchesAll,
  parseMatchers,
} from '../src/matcher.js';

describe('parseMatchers', () => {
  test.each([
    ['foo="bar"', [{ name: 'foo', operator: '=', value: 'bar' }]],
    ['foo!="bar"', [{ name: 'foo', operator: '!=', value: 'bar' }]],
    ['foo=~"a|b"', [{ name: 'foo', operator: '=~', value: 'a|b' }]],
    ['foo!~"a.*"', [{ name: 'foo', operator: '!~', value: 'a.*' }]],
    ['foo=bar', [{ name: 'foo', operator: '=', value: 'bar' }]],
    ['foo=""', [{ name: 'foo', operator: '=', value: '' }]],
  ])('parses %s', (text, expected) => {
    expect(parseMatchers(text)).toEqual(expected);
  });

  test('parses braces and several matchers', () => {
    expect(parseMatchers('{ a="1", b!~"2" , }')).toEqual([
      { name: 'a', operator: '=', value: '1' },
      { name: 'b', operator: '!~', value: '2' },
    ]);
  });

  test('keeps commas inside quotes', () => {
    expect(parseMatchers('{msg="a, b", c="d"}')).toEqual([
      { name: 'msg', operator: '=', value: 'a, b' },
      { name: 'c', operator: '=', value: 'd' },
    ]);
  });

  test('unescapes quotes and backslashes', () => {
    expect(parseMatchers('msg="say \\"hi\\" \\\\o/"')[0]?.value).toBe(
      'say "hi" \\o/',
    );
  });

  test('keeps regex escapes', () => {
    expect(parseMatchers('code=~"5\\d\\d"')[0]?.value).toBe('5\\d\\d');
  });

  test('parses a quoted label name', () => {
    expect(parseMatchers('"service.name"="api"')[0]?.name).toBe('service.name');
  });

  test('parses an array of matchers', () => {
    expect(parseMatchers(['a="1"', 'b="2"'])).toHaveLength(2);
  });

  test('rejects a missing operator', () => {
    expect(() => parseMatchers('foo')).toThrowErrorMatchingInlineSnapshot(
      `[AlertsError: matchers "foo" are invalid at character 4: expected one of =, !=, =~, !~, received the end of the text; write them as name="value", name!="value", name=~"regex" or name!~"regex"]`,
    );
  });

  test('rejects an unclosed quote', () => {
    expect(() => parseMatchers('foo="bar')).toThrow(/closing double quote/);
  });

  test('rejects an invalid regex', () => {
    expect(() => compileMatchers('foo=~"("')).toThrow(
      /invalid regular expression/,
    );
  });

  test('rejects an unsupported flag', () => {
    expect(() => compileMatchers('foo=~"(?U)a+"')).toThrow(
      /flag "U" is not supported/,
    );
  });

  test('round-trips through formatMatchers', () => {
    const parsed = parseMatchers('{a="x, \\"y\\"", b=~"5\\\\d"}');
    expect(parseMatchers(formatMatchers(parsed))).toEqual(parsed);
  });
});

describe('matchesAll', () => {
  const labels = { service: 'api', severity: 'critical' };

  test.each([
    ['service="api"', true],
    ['service="web"', false],
    ['service!="web"', true],
    ['service=~"ap.*"', true],
    ['service=~"ap"', false],
    ['service!~"a.*"', false],
    ['missing=""', true],
    ['missing!=""', false],
    ['{service="api", severity="warning"}', false],
    ['service=~"(?i)API"', true],
    ['service!~"(?i)API"', false],
    ['service=~"(?P<name>api)"', true],
  ])('%s gives %s', (text, expected) => {
    expect(matchesAll(compileMatchers(text), labels)).toBe(expected);
  });
});
