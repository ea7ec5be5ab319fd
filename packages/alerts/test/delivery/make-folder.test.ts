import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { makeFolder } from '../../src/delivery/make-folder.js';

const dir = mkdtempSync(join(tmpdir(), 'alerts-folder-'));

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('makeFolder', () => {
  test('creates missing parents', () => {
    const folder = join(dir, 'a', 'b', 'c');
    makeFolder(folder);
    expect(existsSync(folder)).toBe(true);
  });

  test('accepts an existing folder', () => {
    expect(() => makeFolder(dir)).not.toThrow();
  });

  test('rejects a file as parent', () => {
    const file = join(dir, 'file');
    writeFileSync(file, '');
    expect(() => makeFolder(join(file, 'sub'))).toThrow(/ENOTDIR/);
  });

  test('rejects a folder under /proc', () => {
    expect(() => makeFolder('/proc/mmorch-missing/sub')).toThrow(/ENOENT/);
  });
});
