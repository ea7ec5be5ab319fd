import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { settleWithin } from '../src/with-timeout.js';

describe('settleWithin', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('reports finished work', async () => {
    const result = await settleWithin(async () => 'done', 1_000);

    expect(result).toEqual({ ok: true, timedOut: false });
  });

  it('reports a timeout', async () => {
    const pending = settleWithin(() => new Promise(() => {}), 1_000);
    await vi.advanceTimersByTimeAsync(1_000);

    expect(await pending).toEqual({ ok: false, timedOut: true });
  });

  it('reports a rejection', async () => {
    const error = new Error('flush failed');

    const result = await settleWithin(() => Promise.reject(error), 1_000);

    expect(result).toEqual({ ok: false, timedOut: false, error });
  });

  it('unwraps a list of one error', async () => {
    // BasicTracerProvider.forceFlush rejects with the list of its
    // processors' errors.
    const error = new Error('export failed');

    const result = await settleWithin(() => Promise.reject([error]), 1_000);

    expect(result.error).toBe(error);
  });

  it('joins a list of errors', async () => {
    const errors = [new Error('first'), 'second'];

    const result = await settleWithin(() => Promise.reject(errors), 1_000);

    expect(result.error).toBeInstanceOf(AggregateError);
    expect((result.error as AggregateError).errors).toHaveLength(2);
  });

  it('reports a synchronous throw', async () => {
    const result = await settleWithin(() => {
      throw new Error('sync failure');
    }, 1_000);

    expect(result.error?.message).toBe('sync failure');
  });
});
