import type { Logger } from '@mm-orch/config';

/** Monitoring components whose failures the app counts apart. */
export type ComponentName =
  | 'metrics'
  | 'tracing'
  | 'anomaly'
  | 'alerting'
  | 'resources';

/** Failures of one component, as shown in `/status`. */
export interface ComponentFailures {
  /** Calls into the component that threw or rejected. */
  failures: number;
  /** Message of the last failure, or null. */
  lastError: string | null;
  /** Time of the last failure, ms since the epoch, or null. */
  lastErrorAt: number | null;
}

const LOG_INTERVAL_MS = 10_000;

/**
 * Runs calls into monitoring components so that none can throw into the
 * request path. A failure is caught, counted per component and logged at
 * most once per 10 s per component, with the count of repeats.
 */
export class FailureTracker {
  private readonly entries = new Map<ComponentName, ComponentFailures>();
  private readonly lastLogAt = new Map<ComponentName, number>();
  private readonly unlogged = new Map<ComponentName, number>();

  constructor(private readonly logger: Logger) {}

  /**
   * Calls `fn` and returns its result, or `fallback` if it throws. A
   * returned promise that rejects is counted too.
   */
  run<T>(component: ComponentName, fn: () => T, fallback: T): T {
    try {
      const result = fn();
      if (result instanceof Promise) {
        result.catch((error: unknown) => this.record(component, error));
      }
      return result;
    } catch (error) {
      this.record(component, error);
      return fallback;
    }
  }

  /** Counts one failure of `component` and logs it, rate-limited. */
  record(component: ComponentName, error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    const now = Date.now();
    const entry = this.entry(component);
    entry.failures += 1;
    entry.lastError = message;
    entry.lastErrorAt = now;

    const last = this.lastLogAt.get(component) ?? -Infinity;
    if (now - last < LOG_INTERVAL_MS) {
      this.unlogged.set(component, (this.unlogged.get(component) ?? 0) + 1);
      return;
    }
    const repeats = this.unlogged.get(component) ?? 0;
    this.lastLogAt.set(component, now);
    this.unlogged.set(component, 0);
    this.logger.warn(
      { component, err: message, failures: entry.failures, repeats },
      'monitoring call failed; the request continues without it',
    );
  }

  /** Returns the failures of `component`. */
  get(component: ComponentName): ComponentFailures {
    return { ...this.entry(component) };
  }

  private entry(component: ComponentName): ComponentFailures {
    let entry = this.entries.get(component);
    if (!entry) {
      entry = { failures: 0, lastError: null, lastErrorAt: null };
      this.entries.set(component, entry);
    }
    return entry;
  }
}
