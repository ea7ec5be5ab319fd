import type { ModelSummary } from '../replay/replay-stats.js';
import { formatTable } from './format-table.js';

const HEADER = [
  'model',
  'requests',
  'req/s',
  'p50 ms',
  'p95 ms',
  'p99 ms',
  'TTFT p50 ms',
  'errors',
  'rejected',
  'cache hits',
];

/** Formats the per-model summary of a replay as a plain-text table. */
export function formatSummaryTable(summaries: readonly ModelSummary[]): string {
  const rows = summaries.map((summary) => [
    summary.model,
    String(summary.requests),
    summary.throughput.toFixed(1),
    formatMs(summary.p50Ms),
    formatMs(summary.p95Ms),
    formatMs(summary.p99Ms),
    formatMs(summary.ttftP50Ms),
    String(summary.errors),
    String(summary.rejected),
    `${(summary.cacheHitRate * 100).toFixed(1)}%`,
  ]);
  const numeric = new Set(HEADER.map((_, index) => index).slice(1));
  return formatTable(HEADER, rows, numeric);
}

/** Formats a duration in milliseconds, or `-` when it is not a number. */
export function formatMs(ms: number): string {
  if (Number.isNaN(ms)) {
    return '-';
  }
  return ms < 10 ? ms.toFixed(1) : ms.toFixed(0);
}
