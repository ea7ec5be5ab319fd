import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AnomalyError } from '../errors.js';
import { parseSeriesCsv, type Series } from './series-csv.js';

/** One labelled NAB data file. */
export interface NabCorpusFile {
  /**
   * Path relative to the data folder, such as
   * `realTweets/Twitter_volume_AAPL.csv`.
   */
  name: string;
  /** The series. */
  series: Series;
  /** Anomaly windows as inclusive row ranges. */
  windows: Array<[number, number]>;
}

/**
 * Loads the labelled files of a NAB folder that contains `data/` and
 * `labels/<labelsFile>` (window bounds are matched to rows by timestamp text).
 */
export async function loadNabCorpus(
  root: string,
  labelsFile = 'combined_windows_dev.json',
): Promise<NabCorpusFile[]> {
  const labelsPath = join(root, 'labels', labelsFile);
  const labels = JSON.parse(await readFile(labelsPath, 'utf8')) as Record<
    string,
    [string, string][]
  >;
  const names = Object.keys(labels).sort();
  return Promise.all(
    names.map(async (name) => {
      const series = parseSeriesCsv(
        await readFile(join(root, 'data', name), 'utf8'),
      );
      const rowOf = new Map<string, number>();
      for (const [row, stamp] of series.timestamps.entries()) {
        rowOf.set(stamp, row);
      }
      const windows = labels[name]!.map(([start, end]): [number, number] => [
        findRow(rowOf, start, name),
        findRow(rowOf, end, name),
      ]);
      return { name, series, windows };
    }),
  );
}

function findRow(
  rowOf: Map<string, number>,
  stamp: string,
  name: string,
): number {
  const row = rowOf.get(stamp.replace(/\.\d+$/, ''));
  if (row === undefined) {
    throw new AnomalyError(
      'ANOMALY_INVALID_INPUT',
      `label bound '${stamp}' of ${name} matches no row: check that the labels belong to this data folder`,
    );
  }
  return row;
}
