import type { Logger } from '@mm-orch/config';
import { CancelledError, InferenceError } from '../errors.js';

const LOG_INTERVAL_MS = 10_000;

/**
 * Logs failed requests: model errors and timeouts at `warn`, unexpected
 * errors at `error`, cancellations at `debug`. Full queues and unknown
 * models are not logged. Each pair of model and error code is logged at
 * most once per 10 s, and each line carries the repeats since the last.
 */
export class FailureLog {
  private readonly last = new Map<string, { at: number; repeats: number }>();

  constructor(private readonly logger: Logger) {}

  /** Logs the failure of request `id` to `model`, rate-limited. */
  record(id: string, model: string, error: unknown): void {
    if (error instanceof CancelledError) {
      this.logger.debug({ requestId: id, model }, error.message);
      return;
    }
    const code = error instanceof InferenceError ? error.code : 'INTERNAL';
    if (code === 'QUEUE_FULL' || code === 'MODEL_NOT_FOUND') {
      return;
    }

    const key = `${model}\u0000${code}`;
    const now = Date.now();
    const entry = this.last.get(key);
    if (entry && now - entry.at < LOG_INTERVAL_MS) {
      entry.repeats += 1;
      return;
    }
    this.last.set(key, { at: now, repeats: 0 });

    const fields = {
      requestId: id,
      model,
      code,
      err: error instanceof Error ? error.message : String(error),
      repeatsSinceLastLog: entry?.repeats ?? 0,
    };
    if (code === 'INTERNAL') {
      this.logger.error(fields, 'request failed with an unexpected error');
    } else {
      this.logger.warn(fields, 'request failed');
    }
  }
}
