import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { DemoResult } from '../demo/demo-result.js';
import { renderReport } from './render-report.js';

/** Writes the HTML report of `result` to `path` and returns its absolute path. */
export async function writeReport(
  result: DemoResult,
  path: string,
): Promise<string> {
  const absolute = resolve(path);
  await mkdir(dirname(absolute), { recursive: true });
  await writeFile(absolute, renderReport(result));
  return absolute;
}
