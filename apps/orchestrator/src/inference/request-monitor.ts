import type { GenerationResult } from '../models/types.js';

/** Outcome class of a finished request, used as a metric label. */
export type RequestStatus =
  | 'ok'
  | 'error'
  | 'timeout'
  | 'cancelled'
  | 'rejected'
  | 'unavailable';

/** Outcome of one request, as reported to monitoring. */
export interface RequestOutcome {
  status: RequestStatus;
  /** HTTP status sent, or 499 when the client went away first. */
  httpStatus: number;
  /** Error behind a failed request. */
  error?: unknown;
  /** Result of a successful request. */
  result?: GenerationResult;
  /** Whether the result came from the response cache. */
  cached: boolean;
}

/** Facts about a request at its start, as reported to monitoring. */
export interface RequestInfo {
  id: string;
  model: string;
  kind: 'completion' | 'chat';
  stream: boolean;
  inputTokens: number;
  /** Incoming HTTP headers, for trace context propagation. */
  headers: Record<string, string | string[] | undefined>;
}

/**
 * Monitoring handle of one request. Every method is safe to call in the
 * request path: implementations catch and count their own failures.
 */
export interface RequestMonitor {
  /** Trace id of the request, when it is traced. */
  readonly traceId: string | undefined;
  /** Records the response cache lookup. */
  cacheLookup(hit: boolean): void;
  /** Marks the request as queued for a batch. */
  queued(): void;
  /**
   * Marks the request as taken into a batch of `size` requests, at `at`
   * (`performance.now()` time, now by default).
   */
  batched(size: number, at?: number): void;
  /** Marks the first output token. */
  firstToken(): void;
  /** Ends the request. The service calls it once per request. */
  end(outcome: RequestOutcome): void;
}
