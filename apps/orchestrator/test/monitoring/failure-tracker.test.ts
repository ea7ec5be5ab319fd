import { silentLogger } from '@mm-orch/config';
import { describe, expect, it } from 'vitest';
import { FailureTracker } from '../../src/monitoring/failure-tracker.js';

describe('FailureTracker', () => {
  it('returns the fallback on throw', () => {
    const tracker = new FailureTracker(silentLogger);

    const value = tracker.run(
      'metrics',
      () => {
        throw new Error('boom');
      },
      'fallback',
    );

    expect(value).toBe('fallback');
    expect(tracker.get('metrics')).toMatchObject({
      failures: 1,
      lastError: 'boom',
    });
  });

  it('counts rejected promises', async () => {
    const tracker = new FailureTracker(silentLogger);

    await tracker
      .run('alerting', () => Promise.reject(new Error('late')), undefined)
      ?.catch(() => {});
    await Promise.resolve();

    expect(tracker.get('alerting').failures).toBe(1);
  });

  it('rate-limits its log lines', () => {
    const lines: unknown[] = [];
    const logger = {
      ...silentLogger,
      warn: (fields: unknown) => lines.push(fields),
    };
    const tracker = new FailureTracker(logger);

    for (let i = 0; i < 5; i++) {
      tracker.record('tracing', new Error('again'));
    }

    expect(lines).toHaveLength(1);
    expect(tracker.get('tracing').failures).toBe(5);
  });
});
