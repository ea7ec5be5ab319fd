import { Agent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { performance } from 'node:perf_hooks';
import { ReplayError } from './replay-error.js';

/** Result of one completion request, as the client measured it. */
export interface CompletionResponse {
  /** HTTP status code. */
  status: number;
  /** Time from sending to the last byte of the response, in milliseconds. */
  latencyMs: number;
  /** Time from sending to the first streamed event, when streaming. */
  ttftMs?: number;
  /** Whether the server marked the response as a cache hit (`x-cache: hit`). */
  cached: boolean;
}

/**
 * HTTP/1.1 client (plain or TLS) for `POST /v1/completions` on one
 * OpenAI-compatible server.
 */
export class CompletionClient {
  readonly #base: URL;
  readonly #agent: Agent;
  readonly #request: typeof httpRequest;

  /** Creates a client for `target` that keeps at most `maxSockets` open. */
  constructor(target: string, maxSockets: number) {
    this.#base = parseTarget(target);
    // NOTE: only the http path runs in the tests, which stay on loopback.
    const https = this.#base.protocol === 'https:';
    const AgentType = https ? HttpsAgent : Agent;
    this.#agent = new AgentType({ keepAlive: true, maxSockets });
    this.#request = https ? httpsRequest : httpRequest;
  }

  /**
   * Sends one completion request and resolves when its response has ended.
   * Rejects on a network error, a timeout or an abort through `signal`.
   */
  complete(
    body: object,
    options: { signal: AbortSignal; stream: boolean },
  ): Promise<CompletionResponse> {
    const payload = JSON.stringify({ ...body, stream: options.stream });
    const url = new URL('v1/completions', this.#base);
    const startedAt = performance.now();

    return new Promise((resolve, reject) => {
      const outgoing = this.#request(url, {
        method: 'POST',
        agent: this.#agent,
        signal: options.signal,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(payload),
        },
      });
      outgoing.on('error', reject);
      outgoing.on('response', (response) => {
        let ttftMs: number | undefined;
        response.on('data', (chunk: Buffer) => {
          if (ttftMs === undefined && options.stream && hasEvent(chunk)) {
            ttftMs = performance.now() - startedAt;
          }
        });
        response.on('error', reject);
        response.on('end', () => {
          resolve({
            status: response.statusCode ?? 0,
            latencyMs: performance.now() - startedAt,
            ...(ttftMs === undefined ? {} : { ttftMs }),
            cached: isCacheHit(response.headers['x-cache']),
          });
        });
      });
      outgoing.end(payload);
    });
  }

  /**
   * Checks that the target responds to HTTP at all (any status will do)
   * with a `GET /v1/models`, and returns the model ids listed in the response (none
   * when it is not an OpenAI model list). Throws a `ReplayError` with code
   * `TARGET_UNREACHABLE` when the target refuses the connection or does not
   * respond within `timeoutMs`.
   */
  async probe(timeoutMs: number): Promise<string[]> {
    const url = new URL('v1/models', this.#base);
    const signal = AbortSignal.timeout(timeoutMs);
    let body: string;
    try {
      body = await new Promise<string>((resolve, reject) => {
        const outgoing = this.#request(url, { agent: this.#agent, signal });
        outgoing.on('error', reject);
        outgoing.on('response', (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => resolve(Buffer.concat(chunks).toString()));
          response.on('error', reject);
        });
        outgoing.end();
      });
    } catch (error) {
      const reason = signal.aborted
        ? `no response within ${timeoutMs / 1_000} s`
        : (error as Error).message;
      throw new ReplayError(
        'TARGET_UNREACHABLE',
        `cannot reach target ${this.#base.href}: ${reason}; ` +
          'start an OpenAI-compatible server there or check --target',
      );
    }

    return readModelIds(body);
  }

  /** Closes every open connection. */
  close(): void {
    this.#agent.destroy();
  }
}

function parseTarget(target: string): URL {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    throw new ReplayError(
      'INVALID_ARGUMENT',
      `invalid target URL ${JSON.stringify(target)}, expected http://HOST:PORT`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ReplayError(
      'INVALID_ARGUMENT',
      `unsupported target protocol ${JSON.stringify(url.protocol)} ` +
        `in ${target}, expected http://HOST:PORT or https://HOST:PORT`,
    );
  }

  // A base path such as `/openai` keeps its segments once `v1/...` is
  // resolved against it.
  if (!url.pathname.endsWith('/')) {
    url.pathname = `${url.pathname}/`;
  }
  return url;
}

function hasEvent(chunk: Buffer): boolean {
  return chunk.includes('data:');
}

function isCacheHit(header: string | string[] | undefined): boolean {
  const value = Array.isArray(header) ? header[0] : header;
  return value?.toLowerCase().startsWith('hit') ?? false;
}

function readModelIds(body: string): string[] {
  try {
    const list = JSON.parse(body) as { data?: { id?: unknown }[] };
    return (list.data ?? [])
      .map((entry) => entry.id)
      .filter((id): id is string => typeof id === 'string');
  } catch {
    return [];
  }
}
