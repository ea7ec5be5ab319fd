import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RateLimitedLog } from '../src/rate-limited-log.js';
import { createRecordingLogger } from './helpers/recording-logger.js';

describe('RateLimitedLog', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('logs the first occurrence', () => {
    const logger = createRecordingLogger();
    const log = new RateLimitedLog(logger, 60_000);

    log.warn('timeout', { exporter: 'otlp-http' }, 'export timed out');

    expect(logger.entries).toEqual([
      {
        level: 'warn',
        fields: { kind: 'timeout', suppressed: 0, exporter: 'otlp-http' },
        message: 'export timed out',
      },
    ]);
  });

  it('suppresses repeats within the interval', () => {
    const logger = createRecordingLogger();
    const log = new RateLimitedLog(logger, 60_000);

    log.warn('timeout', {}, 'first');
    vi.advanceTimersByTime(59_999);
    log.warn('timeout', {}, 'second');

    expect(logger.entries).toHaveLength(1);
  });

  it('logs again with the suppressed count', () => {
    const logger = createRecordingLogger();
    const log = new RateLimitedLog(logger, 60_000);

    log.warn('timeout', {}, 'first');
    log.warn('timeout', {}, 'second');
    log.warn('timeout', {}, 'third');
    vi.advanceTimersByTime(60_000);
    log.warn('timeout', {}, 'fourth');

    expect(logger.entries).toHaveLength(2);
    expect(logger.entries[1]?.fields).toEqual({
      kind: 'timeout',
      suppressed: 2,
    });
  });

  it('limits each kind apart', () => {
    const logger = createRecordingLogger();
    const log = new RateLimitedLog(logger, 60_000);

    log.warn('timeout', {}, 'timed out');
    log.warn('http-error', {}, 'HTTP 500');

    expect(logger.entries).toHaveLength(2);
  });

  it('survives a throwing logger', () => {
    const logger = createRecordingLogger();
    logger.warn = () => {
      throw new Error('logger failed');
    };
    const log = new RateLimitedLog(logger, 60_000);

    expect(() => log.warn('timeout', {}, 'export timed out')).not.toThrow();
  });
});
