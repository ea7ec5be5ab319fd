import { performance } from 'node:perf_hooks';
import {
  setTimeout as sleep,
  setImmediate as yieldToEvents,
} from 'node:timers/promises';
import { CompletionClient } from './completion-client.js';
import type { TraceRequest } from './parse-trace.js';
import { ReplayError } from './replay-error.js';
import { syntheticPrompt } from './synthetic-prompt.js';

/** Outcome of one replayed request. */
export type ReplayOutcome =
  /** A 2xx response. */
  | 'ok'
  /** A 429 or 503 from the server: it shed the load. */
  | 'rejected'
  /** Any other status, or a network error. */
  | 'error'
  /** No complete response within the request timeout. */
  | 'timeout'
  /** Not sent, because the concurrency limit was reached at its arrival. */
  | 'dropped'
  /** Cut off by the time limit or the caller's abort signal. */
  | 'cancelled';

/** One replayed request and what came of it. */
export interface ReplayResult {
  /** Model named in the request. */
  model: string;
  /** Row of the request in the trace, from 0. */
  index: number;
  /** When the request was due, in ms since the replay began. */
  dueMs: number;
  /** When the request ended, in ms since the replay began. */
  endMs: number;
  /** Outcome of the request. */
  outcome: ReplayOutcome;
  /** HTTP status, when a response arrived. */
  status?: number;
  /** Time to the end of the response, when a response arrived. */
  latencyMs?: number;
  /** Time to the first streamed event, for streamed requests. */
  ttftMs?: number;
  /** Whether the response came from the server's response cache. */
  cached?: boolean;
  /** Network error message, for outcome `error`. */
  error?: string;
}

/** Totals of one replay. */
export interface ReplaySummary {
  /** Requests sent to the target. */
  sent: number;
  /** Requests with a 2xx response. */
  completed: number;
  /** Requests the server shed with a 429 or 503. */
  rejected: number;
  /** Requests that failed with another status or a network error. */
  errors: number;
  /** Requests without a complete response within the request timeout. */
  timeouts: number;
  /** Arrivals not sent because the concurrency limit was reached. */
  dropped: number;
  /** Requests cut off by the time limit or an abort. */
  cancelled: number;
  /** Wall time of the replay, in milliseconds. */
  elapsedMs: number;
  /** Whether the time limit ended the replay before the trace did. */
  timeLimitReached: boolean;
}

/** Options of `replayTrace`. */
export interface ReplayOptions {
  /** Base URL of an OpenAI-compatible server, such as `http://127.0.0.1:8080`. */
  target: string;
  /** Model name sent in each request. @default the first model the target lists */
  model?: string;
  /** Requests to replay, sorted by `offsetMs`. */
  requests: readonly TraceRequest[];
  /** Factor that divides every arrival offset. @default 1 */
  speed?: number;
  /** Maximum requests in flight; later arrivals are dropped. @default 256 */
  concurrency?: number;
  /** Hard limit on the whole replay, in milliseconds. @default Infinity */
  timeLimitMs?: number;
  /** Limit on one request, in milliseconds. @default 30000 */
  requestTimeoutMs?: number;
  /** Stream every Nth request to measure time to first token; 0 never. @default 0 */
  streamEvery?: number;
  /** Limit on the initial reachability check, in milliseconds. @default 5000 */
  probeTimeoutMs?: number;
  /** Time origin from `performance.now()`, to align several replays. @default the call time */
  originMs?: number;
  /** Aborts the replay; requests in flight end as `cancelled`. */
  signal?: AbortSignal;
  /** Called when a request is sent. */
  onSend?: (model: string, index: number) => void;
  /** Called once for every request when its outcome is known. */
  onResult?: (result: ReplayResult) => void;
}

/**
 * Replays a trace against an OpenAI-compatible server with `POST
 * /v1/completions`, keeping the arrival pattern scaled by `speed`. Each
 * request carries a synthetic prompt of about the trace's input tokens and
 * `max_tokens` set to its output tokens. Throws a `ReplayError` when the
 * options are invalid or the target cannot be reached; every later failure
 * is counted in the summary instead.
 */
export async function replayTrace(
  options: ReplayOptions,
): Promise<ReplaySummary> {
  const settings = resolveOptions(options);
  const client = new CompletionClient(options.target, settings.concurrency);
  try {
    const listed = await client.probe(settings.probeTimeoutMs);
    const model = options.model ?? listed[0];
    if (model === undefined) {
      throw new ReplayError(
        'INVALID_ARGUMENT',
        `target ${options.target} lists no models at /v1/models; pass the model name with --model`,
      );
    }
    return await runReplay({ ...options, model }, settings, client);
  } finally {
    client.close();
  }
}

/**
 * Checks that `target` responds to HTTP and returns the model ids it lists at
 * `GET /v1/models`. Throws a `ReplayError` with code `TARGET_UNREACHABLE`
 * when it refuses the connection or sends no response within `timeoutMs`.
 */
export async function probeTarget(
  target: string,
  timeoutMs = 5_000,
): Promise<string[]> {
  const client = new CompletionClient(target, 1);
  try {
    return await client.probe(timeoutMs);
  } finally {
    client.close();
  }
}

function resolveOptions(options: ReplayOptions) {
  const settings = {
    speed: options.speed ?? 1,
    concurrency: options.concurrency ?? 256,
    timeLimitMs: options.timeLimitMs ?? Number.POSITIVE_INFINITY,
    requestTimeoutMs: options.requestTimeoutMs ?? 30_000,
    streamEvery: options.streamEvery ?? 0,
    probeTimeoutMs: options.probeTimeoutMs ?? 5_000,
  };
  requirePositive('speed', settings.speed);
  requirePositive('concurrency', settings.concurrency);
  requirePositive('time limit', settings.timeLimitMs);
  requirePositive('request timeout', settings.requestTimeoutMs);
  if (!Number.isInteger(settings.streamEvery) || settings.streamEvery < 0) {
    throw new ReplayError(
      'INVALID_ARGUMENT',
      `invalid streamEvery ${settings.streamEvery}, expected a whole number ≥ 0`,
    );
  }
  return settings;
}

function requirePositive(name: string, value: number): void {
  if (Number.isNaN(value) || value <= 0) {
    throw new ReplayError(
      'INVALID_ARGUMENT',
      `invalid ${name} ${value}, expected a number greater than 0`,
    );
  }
}

async function runReplay(
  options: ReplayOptions & { model: string },
  settings: ReturnType<typeof resolveOptions>,
  client: CompletionClient,
): Promise<ReplaySummary> {
  const origin = options.originMs ?? performance.now();
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  let timeLimitReached = false;
  const limitTimer = Number.isFinite(settings.timeLimitMs)
    ? setTimeout(() => {
        timeLimitReached = true;
        stop.abort();
      }, settings.timeLimitMs)
    : undefined;

  const summary = emptySummary();
  const inFlight = new Set<Promise<void>>();
  const report = (result: ReplayResult) => {
    count(summary, result.outcome);
    options.onResult?.(result);
  };

  try {
    for (let index = 0; index < options.requests.length; index++) {
      const row = options.requests[index]!;
      const dueMs = row.offsetMs / settings.speed;
      const waitMs = origin + dueMs - performance.now();
      if (waitMs > 1) {
        await pause(waitMs, stop.signal);
      } else {
        // Behind schedule: still let responses in before counting the
        // requests in flight, or a late loop would drop arrivals in bulk.
        await yieldToEvents();
      }
      if (stop.signal.aborted) {
        break;
      }

      const base = { model: options.model, index, dueMs };
      if (inFlight.size >= settings.concurrency) {
        report({ ...base, endMs: elapsed(origin), outcome: 'dropped' });
        continue;
      }

      summary.sent++;
      options.onSend?.(options.model, index);
      const stream =
        settings.streamEvery > 0 && index % settings.streamEvery === 0;
      const task = sendOne(client, row, base, {
        stream,
        stop: stop.signal,
        timeoutMs: settings.requestTimeoutMs,
        origin,
      }).then(report);
      inFlight.add(task);
      // `report` runs the caller's callback, and should it throw,
      // `Promise.all` below raises the error, so this branch only cleans up.
      task.finally(() => inFlight.delete(task)).catch(() => {});
    }
    await Promise.all(inFlight);
  } finally {
    clearTimeout(limitTimer);
    options.signal?.removeEventListener('abort', onAbort);
  }

  summary.elapsedMs = elapsed(origin);
  summary.timeLimitReached = timeLimitReached;
  return summary;
}

async function sendOne(
  client: CompletionClient,
  row: TraceRequest,
  base: Pick<ReplayResult, 'model' | 'index' | 'dueMs'>,
  context: {
    stream: boolean;
    stop: AbortSignal;
    timeoutMs: number;
    origin: number;
  },
): Promise<ReplayResult> {
  const timeout = AbortSignal.timeout(context.timeoutMs);
  const signal = AbortSignal.any([context.stop, timeout]);
  const body = {
    model: base.model,
    prompt: syntheticPrompt(row.inputTokens, base.index),
    max_tokens: row.outputTokens,
  };

  try {
    const response = await client.complete(body, {
      signal,
      stream: context.stream,
    });
    return {
      ...base,
      endMs: elapsed(context.origin),
      outcome: classifyStatus(response.status),
      ...response,
    };
  } catch (error) {
    const endMs = elapsed(context.origin);
    if (context.stop.aborted) {
      return { ...base, endMs, outcome: 'cancelled' };
    }
    if (timeout.aborted) {
      return { ...base, endMs, outcome: 'timeout' };
    }
    return {
      ...base,
      endMs,
      outcome: 'error',
      error: (error as Error).message,
    };
  }
}

function classifyStatus(status: number): ReplayOutcome {
  if (status >= 200 && status < 300) {
    return 'ok';
  }
  return status === 429 || status === 503 ? 'rejected' : 'error';
}

async function pause(ms: number, signal: AbortSignal): Promise<void> {
  try {
    await sleep(ms, undefined, { signal });
  } catch {
    // An abort ends the wait early, and the loop checks the signal next.
  }
}

function elapsed(origin: number): number {
  return performance.now() - origin;
}

function emptySummary(): ReplaySummary {
  return {
    sent: 0,
    completed: 0,
    rejected: 0,
    errors: 0,
    timeouts: 0,
    dropped: 0,
    cancelled: 0,
    elapsedMs: 0,
    timeLimitReached: false,
  };
}

const SUMMARY_FIELD = {
  ok: 'completed',
  rejected: 'rejected',
  error: 'errors',
  timeout: 'timeouts',
  dropped: 'dropped',
  cancelled: 'cancelled',
} as const satisfies Record<ReplayOutcome, keyof ReplaySummary>;

function count(summary: ReplaySummary, outcome: ReplayOutcome): void {
  summary[SUMMARY_FIELD[outcome]]++;
}
