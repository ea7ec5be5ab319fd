import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Writes a tiny NAB-shaped folder: one 200-row file with a spike at row 150
 * and a window over rows 145..155, and its labels.
 */
export async function writeNabFolder(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'mm-orch-nab-'));
  await mkdir(join(root, 'data', 'tiny'), { recursive: true });
  await mkdir(join(root, 'labels'));

  const stamp = (row: number) =>
    new Date(Date.UTC(2024, 0, 1) + row * 300_000)
      .toISOString()
      .slice(0, 19)
      .replace('T', ' ');
  const rows = ['timestamp,value'];
  for (let row = 0; row < 200; row += 1) {
    rows.push(`${stamp(row)},${row === 150 ? 500 : 10 + (row % 7)}`);
  }
  await writeFile(
    join(root, 'data', 'tiny', 'spike.csv'),
    `${rows.join('\n')}\n`,
  );
  const labels = {
    'tiny/spike.csv': [[`${stamp(145)}.000000`, `${stamp(155)}.000000`]],
  };
  await writeFile(
    join(root, 'labels', 'combined_windows_dev.json'),
    JSON.stringify(labels),
  );
  return root;
}
