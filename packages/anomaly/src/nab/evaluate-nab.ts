import { createDetector } from '../detectors/create-detector.js';
import type { NabCorpusFile } from './nab-corpus.js';
import { NAB_PROFILES, type NabProfile } from './nab-profiles.js';
import {
  type NabFile,
  type NabSweepResult,
  sweepThreshold,
} from './nab-scorer.js';

/** Result of one detector over a NAB corpus. */
export interface NabEvaluation {
  /** Detector name. */
  detector: string;
  /** Files scored. */
  files: number;
  /** Rows scored. */
  points: number;
  /** Detector time over all rows, in ms (scoring excluded). */
  detectorMs: number;
  /** Best threshold and normalized score of each profile. */
  profiles: Array<{ profile: NabProfile; result: NabSweepResult }>;
}

/** Scores every row of one series with a fresh detector. */
export function scoreSeries(
  detectorName: string,
  times: ArrayLike<number>,
  values: ArrayLike<number>,
): Float64Array {
  const detector = createDetector(detectorName);
  const scores = new Float64Array(values.length);
  for (let i = 0; i < values.length; i += 1) {
    scores[i] = detector.update(times[i]!, values[i]!).score;
  }
  return scores;
}

/**
 * Runs a detector over every corpus file and sweeps each profile's threshold.
 */
export function evaluateNab(
  corpus: readonly NabCorpusFile[],
  detectorName: string,
): NabEvaluation {
  const files: NabFile[] = [];
  let points = 0;
  let detectorMs = 0;
  for (const file of corpus) {
    const started = performance.now();
    const scores = scoreSeries(
      detectorName,
      file.series.times,
      file.series.values,
    );
    detectorMs += performance.now() - started;
    points += scores.length;
    files.push({ name: file.name, scores, windows: file.windows });
  }

  return {
    detector: detectorName,
    files: files.length,
    points,
    detectorMs,
    profiles: NAB_PROFILES.map((profile) => ({
      profile,
      result: sweepThreshold(files, profile),
    })),
  };
}
