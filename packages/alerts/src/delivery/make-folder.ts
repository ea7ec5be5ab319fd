import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Creates `folder` and its missing parents, like `mkdir -p`, one level at a
 * time, and throws the first failure. Node 20's `mkdirSync(path,
 * { recursive: true })` spins forever on a folder that cannot be created
 * under `/proc` (it fails with ENOENT while its parent exists).
 */
export function makeFolder(folder: string): void {
  if (existsSync(folder)) {
    return;
  }
  const parent = dirname(folder);
  if (parent !== folder) {
    makeFolder(parent);
  }

  try {
    mkdirSync(folder);
  } catch (error) {
    // Another writer may have created it in between.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
      throw error;
    }
    if (!existsSync(folder)) {
      throw error;
    }
  }
}
