import type { Logger, ModelConfigOutput } from '@mm-orch/config';
import { modelNotReadyError } from '../errors.js';
import { Batcher, type BatchItem } from './batcher.js';
import { ResponseCache } from './response-cache.js';
import type {
  GenerationRequest,
  GenerationResult,
  ModelAdapter,
} from './types.js';

/** Lifecycle state of a model. */
export type ModelState =
  | 'unloaded'
  | 'loading'
  | 'warming'
  | 'ready'
  | 'unloading'
  | 'failed';

/** Observer of one running batch, returned by `RuntimeHooks.batchStarted`. */
export interface BatchObserver {
  /** Ends the batch, as failed when `error` is given. */
  end(error?: unknown): void;
}

/**
 * Callbacks through which a model reports to monitoring. The runtime calls
 * them as they are, so they must not throw (the app passes guarded ones).
 */
export interface RuntimeHooks<C> {
  lifecycle(
    model: string,
    from: ModelState,
    to: ModelState,
    reason?: string,
  ): void;
  batchStarted(model: string, items: readonly BatchItem<C>[]): BatchObserver;
  queueChanged(model: string, waiting: number, running: number): void;
}

/** Snapshot of one model for `/status`. */
export interface ModelStatus {
  name: string;
  adapter: string;
  state: ModelState;
  failureReason: string | undefined;
  queueDepth: number;
  runningBatches: number;
  batches: number;
  maxBatchSizeSeen: number;
  averageBatchSize: number;
  cache: { size: number; hits: number; misses: number };
}

/**
 * One served model: its adapter, lifecycle (load, warm-up, ready, unload,
 * failed), batcher with a bounded queue, and response cache.
 */
export class ModelRuntime<C = unknown> {
  readonly name: string;
  readonly cache: ResponseCache<GenerationResult>;
  private currentState: ModelState = 'unloaded';
  private reason: string | undefined;
  private readonly batcher: Batcher<C>;
  private transition: Promise<void> | undefined;
  private loadAbort = new AbortController();
  private batchCount = 0;
  private batchedRequests = 0;
  private largestBatch = 0;

  constructor(
    readonly config: ModelConfigOutput,
    readonly adapter: ModelAdapter,
    private readonly hooks: RuntimeHooks<C>,
    private readonly logger: Logger,
  ) {
    this.name = config.name;
    this.cache = new ResponseCache(config.cache.size, config.cache.ttl);
    this.batcher = new Batcher<C>(
      {
        model: config.name,
        maxBatchSize: config.maxBatchSize,
        maxBatchDelayMs: config.maxBatchDelay,
        queueLimit: config.queueLimit,
        concurrency: config.concurrency,
        onDepthChange: (waiting, running) =>
          hooks.queueChanged(config.name, waiting, running),
      },
      (items) => this.runBatch(items),
    );
  }

  /** Current lifecycle state. */
  get state(): ModelState {
    return this.currentState;
  }

  /**
   * Loads and warms up the model. Resolves when it is ready. On failure the
   * model is `failed` and the promise rejects with the cause.
   */
  load(): Promise<void> {
    if (this.currentState === 'ready') {
      return Promise.resolve();
    }
    if (this.transition) {
      return this.transition;
    }
    this.transition = this.runLoad().finally(() => {
      this.transition = undefined;
    });
    return this.transition;
  }

  /**
   * Unloads the model: queued requests get a 503, running batches finish,
   * then the adapter releases its resources.
   */
  async unload(): Promise<void> {
    if (this.currentState === 'unloaded') {
      return;
    }
    this.loadAbort.abort(new Error('model unloaded'));
    await this.transition?.catch(() => {});

    this.setState('unloading');
    this.batcher.rejectQueued(modelNotReadyError(this.name, 'unloading'));
    await this.batcher.whenIdle();
    await this.adapter.unload();
    this.cache.clear();
    this.setState('unloaded');
  }

  /**
   * Queues a request for the next batch and resolves with its result.
   * Rejects with a 503 error when the model is not ready.
   */
  submit(request: GenerationRequest, context: C): Promise<GenerationResult> {
    if (this.currentState !== 'ready') {
      return Promise.reject(modelNotReadyError(this.name, this.currentState));
    }
    return this.batcher.submit(request, context);
  }

  /** Sends queued requests now and resolves when none is left. */
  drain(): Promise<void> {
    this.batcher.flush();
    return this.batcher.whenIdle();
  }

  /** Returns a snapshot of the model for `/status`. */
  status(): ModelStatus {
    return {
      name: this.name,
      adapter: this.adapter.type,
      state: this.currentState,
      failureReason: this.reason,
      queueDepth: this.batcher.queueDepth,
      runningBatches: this.batcher.runningBatches,
      batches: this.batchCount,
      maxBatchSizeSeen: this.largestBatch,
      averageBatchSize:
        this.batchCount === 0 ? 0 : this.batchedRequests / this.batchCount,
      cache: this.cache.stats(),
    };
  }

  private async runLoad(): Promise<void> {
    this.loadAbort = new AbortController();
    const signal = this.loadAbort.signal;
    try {
      this.setState('loading');
      await this.adapter.load(signal);
      this.setState('warming');
      await this.warmUp(signal);
      signal.throwIfAborted();
      this.setState('ready');
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.logger.error({ model: this.name, err: reason }, 'model load failed');
      this.setState('failed', reason);
      throw error;
    }
  }

  /** Sends one short request through the adapter before taking traffic. */
  private async warmUp(signal: AbortSignal): Promise<void> {
    const [result] = await this.adapter.generate([
      {
        id: `warm-up-${this.name}`,
        kind: 'completion',
        prompt: 'warm-up',
        messages: undefined,
        maxTokens: 1,
        temperature: 0,
        body: { prompt: 'warm-up', max_tokens: 1 },
        inputTokens: 2,
        onToken: undefined,
        signal,
      },
    ]);
    if (result instanceof Error) {
      throw new Error(`warm-up request failed: ${result.message}`);
    }
  }

  private async runBatch(
    items: readonly BatchItem<C>[],
  ): Promise<Array<GenerationResult | Error>> {
    this.batchCount += 1;
    this.batchedRequests += items.length;
    this.largestBatch = Math.max(this.largestBatch, items.length);

    const observer = this.hooks.batchStarted(this.name, items);
    try {
      const results = await this.adapter.generate(
        items.map((item) => item.request),
      );
      observer.end();
      return results;
    } catch (error) {
      observer.end(error);
      throw error;
    }
  }

  private setState(next: ModelState, reason?: string): void {
    const previous = this.currentState;
    this.currentState = next;
    this.reason = reason;
    this.logger.info(
      { model: this.name, from: previous, to: next },
      'model state changed',
    );
    this.hooks.lifecycle(this.name, previous, next, reason);
  }
}
