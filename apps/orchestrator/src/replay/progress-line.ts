import type { ReplayStats } from './replay-stats.js';

/** Output stream of the progress line, such as `process.stderr`. */
export interface ProgressStream {
  write(text: string): unknown;
  /** Whether the stream is a terminal, where the line is redrawn in place. */
  isTTY?: boolean;
}

const BAR_WIDTH = 24;

/**
 * Progress display of a running replay: requests sent, completed, rejected
 * and the current p95 latency. On a terminal one line is redrawn every
 * `intervalMs`, and elsewhere a new line is written every 20 intervals, so
 * logs stay short.
 */
export class ProgressLine {
  readonly #stream: ProgressStream;
  readonly #stats: ReplayStats;
  readonly #expectedMs: number;
  readonly #startedAt = Date.now();
  #timer: NodeJS.Timeout | undefined;
  #ticks = 0;

  /** Creates a progress line for a replay expected to last `expectedMs`. */
  constructor(stream: ProgressStream, stats: ReplayStats, expectedMs: number) {
    this.#stream = stream;
    this.#stats = stats;
    this.#expectedMs = expectedMs;
  }

  /** Starts redrawing every `intervalMs`. */
  start(intervalMs = 250): void {
    this.#timer = setInterval(() => this.#tick(), intervalMs);
    this.#timer.unref();
  }

  /** Stops redrawing and leaves the final state on its own line. */
  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
    this.#stream.write(
      this.#stream.isTTY ? `\r${this.render()}\n` : `${this.render()}\n`,
    );
  }

  /** Returns the progress line for the current state. */
  render(): string {
    const elapsedMs = Date.now() - this.#startedAt;
    const share = Math.min(elapsedMs / this.#expectedMs, 1);
    const filled = Math.round(share * BAR_WIDTH);
    const bar = `${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}`;
    const totals = this.#stats.totals();
    const p95 = this.#stats.recentP95();
    const parts = [
      `[${bar}] ${(elapsedMs / 1_000).toFixed(0).padStart(3)} s`,
      `sent ${this.#stats.sent}`,
      `completed ${totals.ok}`,
      `rejected ${totals.rejected}`,
      `errors ${totals.error + totals.timeout}`,
      `p95 ${Number.isNaN(p95) ? '-' : `${p95.toFixed(0)} ms`}`,
    ];
    if (totals.dropped > 0) {
      parts.push(`dropped ${totals.dropped}`);
    }
    return parts.join('  ');
  }

  #tick(): void {
    this.#ticks++;
    if (this.#stream.isTTY) {
      this.#stream.write(`\r${this.render()}\u001b[K`);
    } else if (this.#ticks % 20 === 0) {
      this.#stream.write(`${this.render()}\n`);
    }
  }
}
