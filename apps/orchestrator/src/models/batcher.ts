import { CancelledError, queueFullError } from '../errors.js';
import type { GenerationRequest, GenerationResult } from './types.js';

/** One request waiting in or running through the batcher. */
export interface BatchItem<C> {
  request: GenerationRequest;
  /** Monitoring handle of the request, passed back in `onBatch`. */
  context: C;
  /** `performance.now()` when the request entered the queue. */
  enqueuedAt: number;
}

/** Callback that runs one batch through the model. */
export type RunBatch<C> = (
  items: readonly BatchItem<C>[],
) => Promise<Array<GenerationResult | Error>>;

/** Limits of a batcher. */
export interface BatcherOptions {
  model: string;
  maxBatchSize: number;
  maxBatchDelayMs: number;
  queueLimit: number;
  concurrency: number;
  /** Called when the queued or running request counts change. */
  onDepthChange?: (waiting: number, running: number) => void;
}

interface Pending<C> extends BatchItem<C> {
  settled: boolean;
  resolve(result: GenerationResult): void;
  reject(error: unknown): void;
  detach(): void;
}

/**
 * Bounded queue with dynamic batching. A batch leaves when `maxBatchSize`
 * requests wait or the oldest has waited `maxBatchDelayMs`, and at most
 * `concurrency` batches run at once. A full queue rejects with a 429 error.
 */
export class Batcher<C> {
  private readonly queue: Pending<C>[] = [];
  private running = 0;
  private runningRequests = 0;
  private timer: NodeJS.Timeout | undefined;
  private flushing = false;
  private idleWaiters: Array<() => void> = [];
  private batchMsAverage = 0;

  constructor(
    private readonly options: BatcherOptions,
    private readonly runBatch: RunBatch<C>,
  ) {}

  /** Requests waiting for a batch. */
  get queueDepth(): number {
    return this.queue.length;
  }

  /** Batches running now. */
  get runningBatches(): number {
    return this.running;
  }

  /**
   * Queues a request and resolves with its result. Rejects at once when the
   * queue is full, and with `request.signal.reason` when the signal aborts,
   * even while the request's batch is still running.
   */
  submit(request: GenerationRequest, context: C): Promise<GenerationResult> {
    if (this.queue.length >= this.options.queueLimit) {
      return Promise.reject(
        queueFullError(
          this.options.model,
          this.options.queueLimit,
          this.retryAfterSeconds(),
        ),
      );
    }
    if (request.signal.aborted) {
      return Promise.reject(abortReason(request.signal));
    }

    return new Promise<GenerationResult>((resolve, reject) => {
      const onAbort = () => {
        const index = this.queue.indexOf(item);
        if (index >= 0) {
          this.queue.splice(index, 1);
          this.reportDepth();
        }
        settle(item, () => reject(abortReason(request.signal)));
      };
      const item: Pending<C> = {
        request,
        context,
        enqueuedAt: performance.now(),
        settled: false,
        resolve: (result) => settle(item, () => resolve(result)),
        reject: (error) => settle(item, () => reject(error)),
        detach: () => request.signal.removeEventListener('abort', onAbort),
      };
      request.signal.addEventListener('abort', onAbort, { once: true });
      this.queue.push(item);
      this.schedule();
      this.reportDepth();
    });
  }

  /** Sends queued requests without waiting for the batch delay. */
  flush(): void {
    this.flushing = true;
    this.schedule();
  }

  /** Resolves when no request is queued or running. */
  whenIdle(): Promise<void> {
    if (this.queue.length === 0 && this.running === 0) {
      return Promise.resolve();
    }
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Rejects every queued request with `error` (running ones finish). */
  rejectQueued(error: Error): void {
    for (const item of this.queue.splice(0)) {
      item.reject(error);
    }
    this.reportDepth();
    this.notifyIdle();
  }

  private schedule(): void {
    while (this.running < this.options.concurrency && this.queue.length > 0) {
      const oldest = this.queue[0] as Pending<C>;
      const waited = performance.now() - oldest.enqueuedAt;
      const full = this.queue.length >= this.options.maxBatchSize;
      if (!full && !this.flushing && waited < this.options.maxBatchDelayMs) {
        this.armTimer(this.options.maxBatchDelayMs - waited);
        return;
      }
      this.dispatch(this.queue.splice(0, this.options.maxBatchSize));
    }
  }

  private armTimer(delayMs: number): void {
    if (this.timer) {
      return;
    }
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        this.schedule();
      },
      Math.max(0, delayMs),
    );
  }

  private dispatch(items: Pending<C>[]): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    this.running += 1;
    this.runningRequests += items.length;
    this.reportDepth();
    const started = performance.now();

    this.runBatch(items)
      .then(
        (results) => this.deliver(items, results),
        (error: unknown) => {
          for (const item of items) {
            item.reject(error);
          }
        },
      )
      .finally(() => {
        this.recordDuration(performance.now() - started);
        for (const item of items) {
          item.detach();
        }
        this.running -= 1;
        this.runningRequests -= items.length;
        this.schedule();
        this.reportDepth();
        this.notifyIdle();
      });
  }

  private deliver(
    items: Pending<C>[],
    results: Array<GenerationResult | Error>,
  ): void {
    for (const [index, item] of items.entries()) {
      const result = results[index];
      if (item.request.signal.aborted) {
        item.reject(abortReason(item.request.signal));
      } else if (result === undefined) {
        item.reject(new Error('model returned no result for the request'));
      } else if (result instanceof Error) {
        item.reject(result);
      } else {
        item.resolve(result);
      }
    }
  }

  private recordDuration(ms: number): void {
    this.batchMsAverage =
      this.batchMsAverage === 0 ? ms : this.batchMsAverage * 0.8 + ms * 0.2;
  }

  /** Estimates when the queue has room again, from recent batch times. */
  private retryAfterSeconds(): number {
    const { maxBatchSize, concurrency } = this.options;
    const batchesAhead = this.queue.length / (maxBatchSize * concurrency);
    return Math.max(1, Math.ceil((batchesAhead * this.batchMsAverage) / 1000));
  }

  private reportDepth(): void {
    this.options.onDepthChange?.(this.queue.length, this.runningRequests);
  }

  private notifyIdle(): void {
    if (this.queue.length > 0 || this.running > 0) {
      return;
    }
    this.flushing = false;
    for (const resolve of this.idleWaiters.splice(0)) {
      resolve();
    }
  }
}

function settle<C>(item: Pending<C>, action: () => void): void {
  if (item.settled) {
    return;
  }
  item.settled = true;
  action();
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new CancelledError('aborted');
}
