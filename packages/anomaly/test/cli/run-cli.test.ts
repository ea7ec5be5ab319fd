import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { runCli } from '../../src/cli/run-cli.js';
import { writeNabFolder } from '../helpers/nab-folder.js';

function output() {
  const chunks: string[] = [];
  return { chunks, write: (text: string) => chunks.push(text) };
}

describe('runCli', () => {
  let root = '';
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  test('writes scores as CSV', async () => {
    root = await writeNabFolder();
    const target = join(root, 'out.csv');
    const input = join(root, 'data', 'tiny', 'spike.csv');
    const code = await runCli(
      ['score', '--input', input, '--output', target],
      output(),
    );
    const lines = (await readFile(target, 'utf8')).trim().split('\n');
    expect(code).toBe(0);
    expect(lines[0]).toBe('timestamp,value,anomaly_score');
    expect(lines).toHaveLength(201);
    expect(Number(lines[151]!.split(',')[2])).toBeGreaterThan(0.7);
  });

  test('prints NAB scores', async () => {
    root = await writeNabFolder();
    const out = output();
    await runCli(['nab', '--data', root, '--detector', 'ewma'], out);
    expect(out.chunks.join('')).toMatch(/standard\s+\d+\.\d\d/);
    expect(out.chunks.join('')).toContain('points/second');
  });

  test('rejects an unknown detector', async () => {
    root = await writeNabFolder();
    const input = join(root, 'data', 'tiny', 'spike.csv');
    const run = runCli(
      [
        'score',
        '--input',
        input,
        '--output',
        join(root, 'x.csv'),
        '--detector',
        'magic',
      ],
      output(),
    );
    await expect(run).rejects.toMatchObject({
      code: 'ANOMALY_UNKNOWN_DETECTOR',
    });
  });

  test('asks for missing options', async () => {
    await expect(runCli(['score'], output())).rejects.toThrow(
      /needs --input and --output/,
    );
  });

  test('prints usage without a command', async () => {
    const out = output();
    expect(await runCli([], out)).toBe(2);
    expect(out.chunks.join('')).toContain('Usage:');
  });
});
