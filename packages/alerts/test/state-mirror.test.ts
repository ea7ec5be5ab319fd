import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { StateMirror } from '../src/state-mirror.js';

let due: string[];
let mirror: StateMirror;

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
  due = [];
  mirror = new StateMirror(60_000, (key) => due.push(key));
});

afterEach(() => {
  mirror.stop();
  vi.useRealTimers();
});

describe('StateMirror', () => {
  test('runs a first request at once', async () => {
    mirror.request('g', Date.now());
    await vi.advanceTimersByTimeAsync(0);
    expect(due).toEqual(['g']);
  });

  test('waits out the interval', async () => {
    mirror.markSent('g', Date.now());
    mirror.request('g', Date.now());
    await vi.advanceTimersByTimeAsync(59_999);
    expect(due).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(due).toEqual(['g']);
  });

  test('merges pending requests', async () => {
    mirror.markSent('g', Date.now());
    mirror.request('g', Date.now());
    mirror.request('g', Date.now());
    await vi.advanceTimersByTimeAsync(60_000);
    expect(due).toEqual(['g']);
  });

  test('keeps groups apart', async () => {
    mirror.markSent('a', Date.now());
    mirror.request('a', Date.now());
    mirror.request('b', Date.now());
    await vi.advanceTimersByTimeAsync(0);
    expect(due).toEqual(['b']);
  });

  test('forget cancels a request', async () => {
    mirror.markSent('g', Date.now());
    mirror.request('g', Date.now());
    mirror.forget('g');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(due).toEqual([]);
  });

  test('stop cancels every request', async () => {
    mirror.request('a', Date.now());
    mirror.request('b', Date.now());
    mirror.stop();
    await vi.advanceTimersByTimeAsync(0);
    expect(due).toEqual([]);
  });
});

describe('StateMirror with zero interval', () => {
  test('posts every request at once', async () => {
    const posted: string[] = [];
    const eager = new StateMirror(0, (key) => posted.push(key));
    eager.markSent('g', Date.now());
    eager.request('g', Date.now());
    await vi.advanceTimersByTimeAsync(0);
    eager.stop();
    expect(posted).toEqual(['g']);
  });
});
