// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings are
// configuration text whose ${VAR} placeholders are under test.
import { describe, expect, test } from 'vitest';
import { interpolateVariables } from '../src/interpolate-variables.js';

describe('interpolateVariables', () => {
  test('replaces a variable', () => {
    const { value } = interpolateVariables('${A}', { A: 'x' });
    expect(value).toBe('x');
  });

  test('replaces inside text', () => {
    const { value } = interpolateVariables('http://${HOST}:${PORT}/', {
      HOST: 'h',
      PORT: '1',
    });
    expect(value).toBe('http://h:1/');
  });

  test('walks objects and arrays', () => {
    const { value } = interpolateVariables(
      { a: ['${A}', 1, true] },
      { A: 'x' },
    );
    expect(value).toEqual({ a: ['x', 1, true] });
  });

  test('uses the fallback', () => {
    const { value } = interpolateVariables('${A:-dflt}', {});
    expect(value).toBe('dflt');
  });

  test('uses fallback for empty', () => {
    const { value } = interpolateVariables('${A:-dflt}', { A: '' });
    expect(value).toBe('dflt');
  });

  test('keeps empty without fallback', () => {
    const { value, problems } = interpolateVariables('${A}', { A: '' });
    expect(value).toBe('');
    expect(problems).toEqual([]);
  });

  test('writes escaped placeholders', () => {
    const { value } = interpolateVariables('$${A}', { A: 'x' });
    expect(value).toBe('${A}');
  });

  test('reports a missing variable', () => {
    const { problems } = interpolateVariables({ a: ['${NOPE}'] }, {});
    expect(problems).toMatchInlineSnapshot(`
      [
        {
          "code": "missing_variable",
          "expected": "environment variable NOPE to be set",
          "message": "environment variable NOPE is not set, set it or write \${NOPE:-fallback}",
          "path": [
            "a",
            0,
          ],
          "received": ""\${NOPE}"",
        },
      ]
    `);
  });

  test('reports every missing variable', () => {
    const { problems } = interpolateVariables('${A}${B}', {});
    expect(problems.map((p) => p.expected)).toEqual([
      'environment variable A to be set',
      'environment variable B to be set',
    ]);
  });

  test('rejects invalid names', () => {
    const { problems } = interpolateVariables('${1A}', {});
    expect(problems[0]?.code).toBe('invalid_variable');
    expect(problems[0]?.message).toBe(
      'invalid variable reference "${1A}", write ${NAME}, ${NAME:-fallback}, or $${ for a literal ${',
    );
  });

  test('rejects unclosed placeholders', () => {
    const { problems } = interpolateVariables('${A', { A: 'x' });
    expect(problems[0]?.code).toBe('invalid_variable');
  });

  test('rejects nested placeholders', () => {
    const { problems } = interpolateVariables('${A:-${B}}', { B: 'x' });
    expect(problems[0]?.code).toBe('invalid_variable');
  });

  test('leaves lone dollars alone', () => {
    const { value, problems } = interpolateVariables('cost $5 {x}', {});
    expect(value).toBe('cost $5 {x}');
    expect(problems).toEqual([]);
  });
});
