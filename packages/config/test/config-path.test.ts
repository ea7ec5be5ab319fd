import { describe, expect, test } from 'vitest';
import { formatConfigPath } from '../src/index.js';

describe('formatConfigPath', () => {
  test.each([
    [[], '(root)'],
    [['metrics'], 'metrics'],
    [['alerting', 'destinations', 2, 'url'], 'alerting.destinations[2].url'],
    [['labels', 'app.kubernetes.io/name'], 'labels["app.kubernetes.io/name"]'],
    [[0, 'name'], '[0].name'],
  ])('formats %j', (path, expected) => {
    expect(formatConfigPath(path)).toBe(expected);
  });
});
