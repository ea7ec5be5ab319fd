import { AnomalyError } from '../errors.js';

/** A `timestamp,value` series read from CSV text. */
export interface Series {
  /** Timestamps as written in the file. */
  timestamps: string[];
  /** Timestamps in ms since the epoch; `NaN` where the text is not a time. */
  times: Float64Array;
  /** Values; `NaN` where a cell is empty or not a number. */
  values: Float64Array;
}

/**
 * Parses a timestamp: ms since the epoch as a number, an ISO 8601 string, or
 * NAB's `YYYY-MM-DD HH:MM:SS`, which is read as UTC.
 */
export function parseTimestamp(text: string): number {
  const trimmed = text.trim();
  if (/^-?\d+(\.\d+)?$/.test(trimmed)) {
    return Number(trimmed);
  }
  const iso = /^\d{4}-\d\d-\d\d \d\d:\d\d(:\d\d(\.\d+)?)?$/.test(trimmed)
    ? `${trimmed.replace(' ', 'T')}Z`
    : trimmed;
  return Date.parse(iso);
}

/**
 * Reads CSV text with a `timestamp` and a `value` column (any order, other
 * columns ignored). Bad cells become `NaN` instead of failing the file.
 */
export function parseSeriesCsv(text: string): Series {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  const header = (lines[0] ?? '')
    .split(',')
    .map((cell) => cell.trim().toLowerCase());
  const timeColumn = header.indexOf('timestamp');
  const valueColumn = header.indexOf('value');
  if (timeColumn < 0 || valueColumn < 0) {
    throw new AnomalyError(
      'ANOMALY_INVALID_INPUT',
      `CSV header '${lines[0] ?? ''}' has no 'timestamp' and 'value' columns: add a header line such as 'timestamp,value'`,
    );
  }

  const rows = lines.length - 1;
  const series: Series = {
    timestamps: new Array<string>(rows),
    times: new Float64Array(rows),
    values: new Float64Array(rows),
  };
  for (let i = 0; i < rows; i += 1) {
    const cells = lines[i + 1]!.split(',');
    const stamp = (cells[timeColumn] ?? '').trim();
    const cell = (cells[valueColumn] ?? '').trim();
    series.timestamps[i] = stamp;
    series.times[i] = parseTimestamp(stamp);
    series.values[i] = cell === '' ? Number.NaN : Number(cell);
  }
  return series;
}

/** Writes NAB's results format: `timestamp,value,anomaly_score`. */
export function formatScoresCsv(
  series: Series,
  scores: ArrayLike<number>,
): string {
  const lines = ['timestamp,value,anomaly_score'];
  for (let i = 0; i < series.timestamps.length; i += 1) {
    const value = series.values[i]!;
    const score = scores[i]!;
    lines.push(
      `${series.timestamps[i]},${Number.isNaN(value) ? '' : value},${score}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
