import type { Logger } from '@mm-orch/config';

interface KindState {
  lastLoggedAt: number;
  suppressed: number;
}

/**
 * Logs a warning the first time a kind of problem occurs, then at most once
 * per interval for that kind, with the number of repeats left out since.
 * An error thrown by the logger is ignored.
 */
export class RateLimitedLog {
  private readonly states = new Map<string, KindState>();

  constructor(
    private readonly logger: Logger,
    private readonly intervalMs: number,
  ) {}

  /** Logs `message` with `fields` unless `kind` was logged too recently. */
  warn(kind: string, fields: Record<string, unknown>, message: string) {
    const now = Date.now();
    const state = this.states.get(kind);
    if (state && now - state.lastLoggedAt < this.intervalMs) {
      state.suppressed += 1;
      return;
    }

    const suppressed = state?.suppressed ?? 0;
    this.states.set(kind, { lastLoggedAt: now, suppressed: 0 });
    try {
      this.logger.warn({ kind, suppressed, ...fields }, message);
    } catch {
      // A failing logger must not break the export callback that called
      // this, and the failure stays counted in `getStatus()` anyway.
    }
  }
}
