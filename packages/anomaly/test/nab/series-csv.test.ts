import { describe, expect, test } from 'vitest';
import {
  AnomalyError,
  formatScoresCsv,
  parseSeriesCsv,
  parseTimestamp,
} from '../../src/index.js';

describe('parseSeriesCsv', () => {
  test('reads NAB rows', () => {
    const series = parseSeriesCsv(
      'timestamp,value\n2014-04-01 00:00:00,20.5\n',
    );
    expect(series.values[0]).toBe(20.5);
    expect(series.times[0]).toBe(Date.UTC(2014, 3, 1));
  });

  test('reads columns in any order', () => {
    const series = parseSeriesCsv('value,host,timestamp\n3,a,1000\n');
    expect(series.values[0]).toBe(3);
    expect(series.times[0]).toBe(1000);
  });

  test('turns bad cells into NaN', () => {
    const series = parseSeriesCsv('timestamp,value\nnot a time,\n5,abc\n');
    expect(series.times[0]).toBeNaN();
    expect(series.values[0]).toBeNaN();
    expect(series.values[1]).toBeNaN();
  });

  test('rejects a missing header', () => {
    expect(() => parseSeriesCsv('1,2\n3,4\n')).toThrow(AnomalyError);
  });
});

describe('parseTimestamp', () => {
  test('reads ISO strings', () => {
    expect(parseTimestamp('2024-01-01T00:00:00Z')).toBe(Date.UTC(2024, 0, 1));
  });
});

describe('formatScoresCsv', () => {
  test('writes the NAB results format', () => {
    const series = parseSeriesCsv(
      'timestamp,value\n2014-04-01 00:00:00,20\n2014-04-01 00:05:00,\n',
    );
    expect(formatScoresCsv(series, [0, 0.75])).toMatchInlineSnapshot(`
      "timestamp,value,anomaly_score
      2014-04-01 00:00:00,20,0
      2014-04-01 00:05:00,,0.75
      "
    `);
  });
});
