import type { FastFamily } from './fast-family.js';
import type { InferenceRecord } from './types.js';

/** Offset of a series not looked up yet; -1 is a dropped series. */
const UNRESOLVED = -2;
/** Cell offsets of one model's series, each looked up on first use. */
export class ModelCells {
  queue = UNRESOLVED;
  ttft = UNRESOLVED;
  tpot = UNRESOLVED;
  prefill = UNRESOLVED;
  decode = UNRESOLVED;
  total = UNRESOLVED;
  inputTokens = UNRESOLVED;
  outputTokens = UNRESOLVED;
  inputPerRequest = UNRESOLVED;
  outputPerRequest = UNRESOLVED;
  batch = UNRESOLVED;
  running = UNRESOLVED;
  waiting = UNRESOLVED;
  cacheHits = UNRESOLVED;
  cacheMisses = UNRESOLVED;
  loaded = UNRESOLVED;
  loadDuration = UNRESOLVED;
  /** Offsets of `[requests_total, request_duration]` per status. */
  readonly statuses = new Map<string, Int32Array>();
  /** Offsets of label sets with a second label (finish reason, ...). */
  readonly others = new Map<FastFamily, Map<string, number>>();

  constructor(readonly model: string) {}
}

function isValidAmount(value: unknown): value is number {
  return typeof value === 'number' && value >= 0 && value !== Infinity;
}

/**
 * Derives the time per output token as `(duration - ttft) / (tokens - 1)`,
 * both durations measured from the arrival of the request.
 */
export function derivedTpot(record: InferenceRecord): number | undefined {
  const { ttftSeconds, outputTokens, durationSeconds } = record;
  if (
    ttftSeconds === undefined ||
    outputTokens === undefined ||
    outputTokens < 2
  ) {
    return undefined;
  }
  const tpot = (durationSeconds - ttftSeconds) / (outputTokens - 1);
  return isValidAmount(tpot) ? tpot : undefined;
}
