import { createHash } from 'node:crypto';
import type { Logger } from '@mm-orch/config';
import {
  CancelledError,
  deadlineError,
  InferenceError,
  modelError,
  modelNotFoundError,
  shuttingDownError,
} from '../errors.js';
import type { ModelRegistry } from '../models/model-registry.js';
import type {
  ChatMessage,
  GenerationRequest,
  GenerationResult,
} from '../models/types.js';
import { FailureLog } from './failure-log.js';
import type {
  RequestInfo,
  RequestMonitor,
  RequestOutcome,
} from './request-monitor.js';

/** One inference request, parsed from an OpenAI-compatible body. */
export interface InferenceInput {
  id: string;
  model: string;
  kind: 'completion' | 'chat';
  prompt: string;
  messages: ChatMessage[] | undefined;
  maxTokens: number | undefined;
  temperature: number | undefined;
  body: Record<string, unknown>;
  inputTokens: number;
  /** Whether the response cache may serve or store this request. */
  useCache: boolean;
  headers: Record<string, string | string[] | undefined>;
  /** Receives each output piece. Set for streaming responses only. */
  onToken: ((text: string) => void) | undefined;
  /** Aborted with a `CancelledError` when the client disconnects. */
  clientSignal: AbortSignal;
}

/** Starts the monitoring of one request. */
export type StartRequestMonitor = (info: RequestInfo) => RequestMonitor;

/** Limits and logging of the inference service. */
export interface InferenceServiceOptions {
  /** Deadline of one request, in milliseconds. */
  requestTimeoutMs: number;
  logger: Logger;
}

/**
 * Runs inference requests: model lookup, response cache, queue and batch,
 * deadline and cancellation, with monitoring around each step.
 */
export class InferenceService {
  private accepting = true;
  private inFlight = 0;
  private idleWaiters: Array<() => void> = [];
  private readonly failureLog: FailureLog;

  constructor(
    private readonly registry: ModelRegistry<RequestMonitor>,
    private readonly startMonitor: StartRequestMonitor,
    private readonly options: InferenceServiceOptions,
  ) {
    this.failureLog = new FailureLog(options.logger);
  }

  /** Requests being served now. */
  get inFlightRequests(): number {
    return this.inFlight;
  }

  /** Makes new requests fail with a 503 from now on. */
  stopAccepting(): void {
    this.accepting = false;
  }

  /** Resolves when no request is in flight. */
  whenIdle(): Promise<void> {
    if (this.inFlight === 0) {
      return Promise.resolve();
    }
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /**
   * Serves one request. Resolves with the result and whether it came from
   * the cache, and rejects with an `InferenceError` or a `CancelledError`.
   */
  async infer(
    input: InferenceInput,
  ): Promise<{ result: GenerationResult; cached: boolean }> {
    const monitor = this.startMonitor({
      id: input.id,
      model: input.model,
      kind: input.kind,
      stream: input.onToken !== undefined,
      inputTokens: input.inputTokens,
      headers: input.headers,
    });
    this.inFlight += 1;
    try {
      const served = await this.serve(input, monitor);
      monitor.end({
        status: 'ok',
        httpStatus: 200,
        result: served.result,
        cached: served.cached,
      });
      return served;
    } catch (error) {
      monitor.end(failureOutcome(error));
      this.failureLog.record(input.id, input.model, error);
      throw error;
    } finally {
      this.inFlight -= 1;
      if (this.inFlight === 0) {
        for (const resolve of this.idleWaiters.splice(0)) {
          resolve();
        }
      }
    }
  }

  private async serve(
    input: InferenceInput,
    monitor: RequestMonitor,
  ): Promise<{ result: GenerationResult; cached: boolean }> {
    if (!this.accepting) {
      throw shuttingDownError();
    }
    const runtime = this.registry.get(input.model);
    if (!runtime) {
      throw modelNotFoundError(input.model, this.registry.names());
    }

    const cacheable = input.useCache && runtime.cache.enabled;
    const key = cacheable ? cacheKey(input) : undefined;
    if (key !== undefined) {
      const hit = runtime.cache.get(key);
      monitor.cacheLookup(hit !== undefined);
      if (hit) {
        monitor.firstToken();
        input.onToken?.(hit.text);
        return { result: hit, cached: true };
      }
    }

    const result = await this.runWithDeadline(input, runtime.name, (signal) => {
      monitor.queued();
      return runtime.submit(
        this.generationRequest(input, monitor, signal),
        monitor,
      );
    });
    if (key !== undefined) {
      runtime.cache.set(key, result);
    }
    return { result, cached: false };
  }

  private async runWithDeadline(
    input: InferenceInput,
    model: string,
    run: (signal: AbortSignal) => Promise<GenerationResult>,
  ): Promise<GenerationResult> {
    const controller = new AbortController();
    const timeoutMs = this.options.requestTimeoutMs;
    const timer = setTimeout(
      () => controller.abort(deadlineError(model, timeoutMs)),
      timeoutMs,
    );
    const onClientAbort = () => controller.abort(input.clientSignal.reason);
    if (input.clientSignal.aborted) {
      onClientAbort();
    }
    input.clientSignal.addEventListener('abort', onClientAbort, { once: true });

    try {
      return await run(controller.signal);
    } catch (error) {
      if (error instanceof InferenceError || error instanceof CancelledError) {
        throw error;
      }
      throw modelError(model, error);
    } finally {
      clearTimeout(timer);
      input.clientSignal.removeEventListener('abort', onClientAbort);
    }
  }

  private generationRequest(
    input: InferenceInput,
    monitor: RequestMonitor,
    signal: AbortSignal,
  ): GenerationRequest {
    const onToken = input.onToken;
    let first = true;
    return {
      id: input.id,
      kind: input.kind,
      prompt: input.prompt,
      messages: input.messages,
      maxTokens: input.maxTokens,
      temperature: input.temperature,
      body: input.body,
      inputTokens: input.inputTokens,
      signal,
      onToken: onToken
        ? (text) => {
            if (first) {
              first = false;
              monitor.firstToken();
            }
            onToken(text);
          }
        : undefined,
    };
  }
}

/** Outcome status of each `InferenceError` code that is not a plain error. */
const STATUS_BY_CODE: Readonly<Record<string, RequestOutcome['status']>> = {
  QUEUE_FULL: 'rejected',
  DEADLINE_EXCEEDED: 'timeout',
  MODEL_NOT_READY: 'unavailable',
  SHUTTING_DOWN: 'unavailable',
  MODEL_NOT_FOUND: 'rejected',
};

/** Maps a failure to the outcome reported to monitoring. */
function failureOutcome(error: unknown): RequestOutcome {
  if (error instanceof CancelledError) {
    return { status: 'cancelled', httpStatus: 499, error, cached: false };
  }
  if (!(error instanceof InferenceError)) {
    return { status: 'error', httpStatus: 500, error, cached: false };
  }

  return {
    status: STATUS_BY_CODE[error.code] ?? 'error',
    httpStatus: error.status,
    error,
    cached: false,
  };
}

/** Keys a request by everything that shapes its output. */
function cacheKey(input: InferenceInput): string {
  const { stream, stream_options, user, ...shape } = input.body;
  return createHash('sha256')
    .update(input.kind)
    .update('\u0000')
    .update(JSON.stringify(shape))
    .digest('base64url');
}
