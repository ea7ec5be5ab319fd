import type { ModelAdapterConfigOutput } from '@mm-orch/config';
import { CancelledError } from '../errors.js';
import { hashText, simulatedToken } from './simulated-text.js';
import { sleep } from './sleep.js';
import type {
  GenerationRequest,
  GenerationResult,
  ModelAdapter,
} from './types.js';

/** Options of the simulated adapter after defaults are applied. */
export type SimulatedAdapterOptions = Extract<
  ModelAdapterConfigOutput,
  { type: 'simulated' }
>;

/** Faults of a simulated model, switchable at run time. */
export interface SimulatedFaults {
  /** Multiplier of every prefill and decode time. */
  slowdownFactor: number;
  /** Share of requests that fail, from 0 to 1. */
  errorRate: number;
  /** Whether requests hang until their deadline or cancellation. */
  stall: boolean;
  /** Bytes of memory retained on each request, to simulate a leak. */
  memoryGrowthBytes: number;
}

interface ActiveRequest {
  index: number;
  request: GenerationRequest;
  seed: number;
  budget: number;
  text: string;
  produced: number;
}

/**
 * Adapter that behaves like an LLM server: prefill time grows with the
 * batch's input tokens, each decode step costs more in a bigger batch, and
 * faults (slowdown, errors, stalls, memory growth) can be switched on.
 */
export class SimulatedAdapter implements ModelAdapter {
  readonly type = 'simulated';
  private faults: SimulatedFaults;
  private readonly retained: Buffer[] = [];
  private readonly stalled = new Set<() => void>();

  constructor(
    private readonly options: SimulatedAdapterOptions,
    private readonly random: () => number = Math.random,
  ) {
    this.faults = { ...options.faults };
  }

  /** Returns the faults in effect. */
  getFaults(): SimulatedFaults {
    return { ...this.faults };
  }

  /** Changes some faults; unnamed ones keep their value. */
  setFaults(faults: Partial<SimulatedFaults>): void {
    this.faults = { ...this.faults, ...faults };
    if (!this.faults.stall) {
      this.releaseStalls();
    }
  }

  /** Returns the bytes retained by the memory growth fault. */
  retainedBytes(): number {
    return this.retained.reduce((sum, buffer) => sum + buffer.length, 0);
  }

  async load(): Promise<void> {
    await sleep(this.options.loadTime);
  }

  async unload(): Promise<void> {
    this.retained.length = 0;
    this.releaseStalls();
  }

  async generate(
    batch: readonly GenerationRequest[],
  ): Promise<Array<GenerationResult | Error>> {
    const results: Array<GenerationResult | Error> = [];
    this.retainMemory(batch.length);
    await sleep(this.prefillMs(batch));

    const active: ActiveRequest[] = [];
    for (const [index, request] of batch.entries()) {
      if (request.signal.aborted) {
        results[index] = new CancelledError('aborted before decode');
      } else if (this.random() < this.faults.errorRate) {
        results[index] = new Error('simulated model error (injected fault)');
      } else {
        active.push(this.activate(index, request));
      }
    }

    if (this.faults.stall && active.length > 0) {
      await this.stall(active.map((entry) => entry.request.signal));
    }
    await this.decode(active, results);
    return results;
  }

  private activate(index: number, request: GenerationRequest): ActiveRequest {
    return {
      index,
      request,
      seed: hashText(request.prompt),
      budget: request.maxTokens ?? this.options.defaultMaxTokens,
      text: '',
      produced: 0,
    };
  }

  private prefillMs(batch: readonly GenerationRequest[]): number {
    const inputTokens = batch.reduce((sum, r) => sum + r.inputTokens, 0);
    const ms =
      this.options.baseLatency + inputTokens * this.options.prefillPerToken;
    return this.jittered(ms * this.faults.slowdownFactor);
  }

  private stepMs(batchSize: number): number {
    const overhead = 1 + this.options.batchOverhead * (batchSize - 1);
    const ms = this.options.decodePerToken * overhead;
    return this.jittered(ms * this.faults.slowdownFactor);
  }

  /**
   * Decodes all active requests step by step. Requests that do not stream
   * skip the per-step timers: the loop sleeps until the next request ends,
   * or until one of them aborts, so a cancelled request with a large
   * `max_tokens` frees the batch at once.
   */
  private async decode(
    active: ActiveRequest[],
    results: Array<GenerationResult | Error>,
  ): Promise<void> {
    let running = active;
    while (running.length > 0) {
      const streaming = running.some((entry) => entry.request.onToken);
      const stepMs = this.stepMs(running.length);
      let steps = streaming
        ? 1
        : Math.min(...running.map((entry) => entry.budget - entry.produced));
      const started = performance.now();
      const signals = running.map((entry) => entry.request.signal);
      await sleep(stepMs * steps, signals);
      if (signals.some((signal) => signal.aborted) && stepMs > 0) {
        const elapsedSteps = (performance.now() - started) / stepMs;
        steps = Math.min(steps, Math.floor(elapsedSteps));
      }

      for (const entry of running) {
        this.advance(entry, steps);
      }
      running = running.filter((entry) => {
        const finished = this.finish(entry, results);
        return !finished;
      });
    }
  }

  private advance(entry: ActiveRequest, steps: number): void {
    for (let step = 0; step < steps; step++) {
      const token = simulatedToken(entry.seed, entry.produced);
      entry.text += token;
      entry.produced += 1;
      entry.request.onToken?.(token);
    }
  }

  private finish(
    entry: ActiveRequest,
    results: Array<GenerationResult | Error>,
  ): boolean {
    if (entry.request.signal.aborted) {
      results[entry.index] = new CancelledError('aborted during decode');
      return true;
    }
    if (entry.produced < entry.budget) {
      return false;
    }

    results[entry.index] = {
      text: entry.text,
      finishReason: entry.request.maxTokens === undefined ? 'stop' : 'length',
      promptTokens: entry.request.inputTokens,
      completionTokens: entry.produced,
    };
    return true;
  }

  private retainMemory(requests: number): void {
    const bytes = this.faults.memoryGrowthBytes * requests;
    if (bytes > 0) {
      this.retained.push(Buffer.alloc(bytes, 1));
    }
  }

  /** Waits until every stalled request is aborted or the stall ends. */
  private stall(signals: AbortSignal[]): Promise<void> {
    return new Promise((resolve) => {
      const release = () => {
        this.stalled.delete(release);
        for (const signal of signals) {
          signal.removeEventListener('abort', check);
        }
        resolve();
      };
      const check = () => {
        if (signals.every((signal) => signal.aborted)) {
          release();
        }
      };
      this.stalled.add(release);
      for (const signal of signals) {
        signal.addEventListener('abort', check, { once: true });
      }
      check();
    });
  }

  private releaseStalls(): void {
    for (const release of [...this.stalled]) {
      release();
    }
  }

  private jittered(ms: number): number {
    const spread = this.options.jitter * (this.random() * 2 - 1);
    return ms * (1 + spread);
  }
}
