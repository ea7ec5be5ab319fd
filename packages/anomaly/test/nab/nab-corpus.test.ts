import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { AnomalyError, evaluateNab, loadNabCorpus } from '../../src/index.js';
import { writeNabFolder } from '../helpers/nab-folder.js';

describe('loadNabCorpus', () => {
  let root = '';
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  test('maps windows to rows', async () => {
    root = await writeNabFolder();
    const [file] = await loadNabCorpus(root);
    expect(file?.windows).toEqual([[145, 155]]);
  });

  test('rejects an unknown label bound', async () => {
    root = await writeNabFolder();
    const labels = {
      'tiny/spike.csv': [
        ['1999-01-01 00:00:00.000000', '1999-01-02 00:00:00.000000'],
      ],
    };
    await writeFile(
      join(root, 'labels', 'combined_windows_dev.json'),
      JSON.stringify(labels),
    );
    await expect(loadNabCorpus(root)).rejects.toThrow(AnomalyError);
  });

  test('scores a caught spike 100', async () => {
    root = await writeNabFolder();
    const evaluation = evaluateNab(
      await loadNabCorpus(root),
      'suppressed-quantile',
    );
    expect(evaluation.profiles[0]?.result.normalized).toBeGreaterThan(50);
  });
});
