import { describe, expect, it } from 'vitest';
import {
  classifyExportError,
  describeExportError,
  ExportTimeoutError,
} from '../src/index.js';

function withCode(message: string, code: unknown) {
  return Object.assign(new Error(message), { code });
}

describe('classifyExportError', () => {
  it.each([
    ['own timeout', new ExportTimeoutError(100), 'timeout'],
    [
      'refused socket',
      withCode('connect ECONNREFUSED', 'ECONNREFUSED'),
      'connection-refused',
    ],
    ['reset socket', withCode('socket hang up', 'ECONNRESET'), 'network-error'],
    ['socket timeout', withCode('timed out', 'ETIMEDOUT'), 'timeout'],
    ['HTTP status', withCode('Internal Server Error', 500), 'http-error'],
    ['request timeout', new Error('Request timed out'), 'timeout'],
    [
      'retryable status',
      new Error('Export failed with retryable status'),
      'http-error',
    ],
    ['unknown error', new Error('something else'), 'other'],
    ['non-error value', 'text', 'other'],
  ])('classifies %s', (_title, error, expected) => {
    expect(classifyExportError(error)).toBe(expected);
  });
});

describe('describeExportError', () => {
  it('prefixes the HTTP status', () => {
    const error = withCode('Internal Server Error', 500);

    expect(describeExportError(error)).toBe('HTTP 500: Internal Server Error');
  });

  it('adds a missing socket code', () => {
    const error = withCode('socket hang up', 'ECONNRESET');

    expect(describeExportError(error)).toBe('ECONNRESET: socket hang up');
  });
});
