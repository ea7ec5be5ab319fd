import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Findings of `promtool check metrics` on one exposition. */
export interface PromtoolResult {
  /** Exit code: 0 without findings. */
  status: number | null;
  /** Lint findings and parse errors, one per line. */
  output: string;
}

/** Runs the real `promtool check metrics` on `text`. */
export function checkMetrics(text: string): PromtoolResult {
  const run = spawnSync('/usr/bin/promtool', ['check', 'metrics'], {
    input: text,
    encoding: 'utf8',
  });
  return { status: run.status, output: `${run.stdout}${run.stderr}`.trim() };
}

/**
 * Runs OpenMetrics `text` through promtool's OpenMetrics parser (the
 * backfill command), which needs a timestamp on every sample, so one is
 * added to each sample line before its exemplar.
 */
export function checkOpenMetrics(text: string): PromtoolResult {
  const stamped = text
    .split('\n')
    .map((line) => {
      if (line === '' || line.startsWith('#')) {
        return line;
      }
      const exemplar = line.lastIndexOf(' # {');
      return exemplar < 0
        ? `${line} 1700000000`
        : `${line.slice(0, exemplar)} 1700000000${line.slice(exemplar)}`;
    })
    .join('\n');
  const dir = mkdtempSync(join(tmpdir(), 'mmorch-om-'));
  try {
    const input = join(dir, 'input.om');
    writeFileSync(input, stamped);
    const run = spawnSync(
      '/usr/bin/promtool',
      ['tsdb', 'create-blocks-from', 'openmetrics', input, join(dir, 'blocks')],
      { encoding: 'utf8' },
    );
    const failed = run.status === 0 ? '' : `${run.stdout}${run.stderr}`;
    return { status: run.status, output: failed.trim() };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
