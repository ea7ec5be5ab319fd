import { describe, expect, test } from 'vitest';
import { suggestName } from '../src/suggest-name.js';

const keys = ['port', 'host', 'path', 'serviceName', 'groupWait'];

describe('suggestName', () => {
  test.each([
    ['prot', 'port'],
    ['hots', 'host'],
    ['service_name', 'serviceName'],
    ['SERVICENAME', 'serviceName'],
    ['group-wait', 'groupWait'],
    ['groupWiat', 'groupWait'],
  ])('suggests for %j', (name, expected) => {
    expect(suggestName(name, keys)).toBe(expected);
  });

  test.each(['xyz', 'enabled', 'p'])('rejects far name %j', (name) => {
    expect(suggestName(name, keys)).toBeUndefined();
  });

  test('skips the name itself', () => {
    expect(suggestName('port', ['port'])).toBeUndefined();
  });
});
