import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { FileDestination } from '../../src/destinations/file-destination.js';
import { sampleNotification } from '../helpers/sample-notification.js';

let dir: string;
const signal = new AbortController().signal;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'alerts-file-'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function lines(path: string): string[] {
  return readFileSync(path, 'utf8').trim().split('\n');
}

describe('FileDestination', () => {
  test('appends one JSON line each', async () => {
    const path = join(dir, 'sub', 'alerts.jsonl');
    const file = new FileDestination({ name: 'file', path });
    await file.send(sampleNotification(), { signal });
    await file.send(sampleNotification({ idempotencyKey: 'key-2' }), {
      signal,
    });
    const keys = lines(path).map((line) => JSON.parse(line).idempotencyKey);
    expect(keys).toEqual(['key-1', 'key-2']);
  });

  test('rotates by size', async () => {
    const path = join(dir, 'alerts.jsonl');
    const size = JSON.stringify(sampleNotification()).length + 1;
    const file = new FileDestination({
      name: 'file',
      path,
      maxBytes: size * 2,
      maxFiles: 2,
    });
    for (let i = 0; i < 7; i += 1) {
      await file.send(sampleNotification({ idempotencyKey: `k${i}` }), {
        signal,
      });
    }
    const key = (p: string) =>
      lines(p).map((l) => JSON.parse(l).idempotencyKey);
    expect(key(path)).toEqual(['k6']);
    expect(key(`${path}.1`)).toEqual(['k4', 'k5']);
    expect(key(`${path}.2`)).toEqual(['k2', 'k3']);
  });
});
