import { afterEach, describe, expect, it, vi } from 'vitest';
import { sleep } from '../../src/models/sleep.js';

describe('sleep', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('waits past the timer maximum', async () => {
    vi.useFakeTimers();
    let settled = false;

    void sleep(3_000_000_000).then(() => {
      settled = true;
    });
    await vi.advanceTimersByTimeAsync(1_000);
    const settledEarly = settled;
    await vi.advanceTimersByTimeAsync(3_000_000_000);

    expect(settledEarly).toBe(false);
    expect(settled).toBe(true);
  });

  it('wakes on abort', async () => {
    vi.useFakeTimers();
    const controller = new AbortController();
    let settled = false;

    void sleep(60_000, [controller.signal]).then(() => {
      settled = true;
    });
    controller.abort();
    await vi.advanceTimersByTimeAsync(0);

    expect(settled).toBe(true);
  });
});
