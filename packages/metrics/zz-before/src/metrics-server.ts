import { timingSafeEqual } from 'node:crypto';
import {
  createServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGzip } from 'node:zlib';
import { MetricsError } from './errors.js';
import {
  OPENMETRICS_CONTENT_TYPE,
  PROMETHEUS_CONTENT_TYPE,
} from './text-format.js';

/** Options of `MetricsServer`. */
export interface MetricsServerOptions {
  host: string;
  port: number;
  path: string;
  bearerToken?: string;
  /** Renders the exposition as chunks, in OpenMetrics when asked. */
  render(openMetrics: boolean): AsyncIterable<string>;
  /** Called with every failure while serving a scrape. */
  onError(error: unknown): void;
}

/** Address of a listening `MetricsServer`. */
export interface ServingAddress {
  host: string;
  port: number;
  path: string;
  url: string;
}

/**
 * Scrape endpoint on `node:http`: `GET` or `HEAD` on `path`, OpenMetrics
 * when the `Accept` header requests it, gzip when accepted, an optional
 * bearer token, `405` for other methods and `404` for other paths.
 */
export class MetricsServer {
  private server: Server | undefined;
  private readonly expected: Buffer | undefined;

  constructor(private readonly options: MetricsServerOptions) {
    const token = options.bearerToken;
    this.expected =
      token === undefined ? undefined : Buffer.from(`Bearer ${token}`);
  }

  /** Listens on the configured address; rejects with a `MetricsError`. */
  async start(): Promise<ServingAddress> {
    const server = createServer((request, response) => {
      this.handle(request, response).catch((error: unknown) => {
        this.options.onError(error);
        response.destroy();
      });
    });

    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port, this.options.host, () => {
        server.off('error', reject);
        resolve();
      });
    }).catch((error: NodeJS.ErrnoException) => {
      throw listenError(error, this.options.host, this.options.port);
    });

    server.on('error', (error) => this.options.onError(error));
    this.server = server;
    const { port } = server.address() as AddressInfo;
    const { host, path } = this.options;
    const urlHost = host.includes(':') ? `[${host}]` : host;
    return { host, port, path, url: `http://${urlHost}:${port}${path}` };
  }

  /** Closes the listener and every open connection. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server === undefined) {
      return;
    }
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  private async handle(
    request: IncomingMessage,
    response: ServerResponse,
  ): Promise<void> {
    const path = (request.url ?? '/').split('?')[0];
    if (path !== this.options.path) {
      return plain(response, 404, 'Not Found\n');
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('Allow', 'GET, HEAD');
      return plain(response, 405, 'Method Not Allowed\n');
    }
    if (!this.authorized(request.headers.authorization)) {
      response.setHeader('WWW-Authenticate', 'Bearer');
      return plain(response, 401, 'Unauthorized\n');
    }

    const openMetrics = acceptsOpenMetrics(request.headers.accept);
    const gzip = /\bgzip\b/.test(request.headers['accept-encoding'] ?? '');
    response.statusCode = 200;
    response.setHeader(
      'Content-Type',
      openMetrics ? OPENMETRICS_CONTENT_TYPE : PROMETHEUS_CONTENT_TYPE,
    );
    response.setHeader('Vary', 'Accept, Accept-Encoding');
    if (request.method === 'HEAD') {
      response.end();
      return;
    }

    if (gzip) {
      response.setHeader('Content-Encoding', 'gzip');
      const stream = createGzip();
      stream.pipe(response);
      await writeAll(stream, this.options.render(openMetrics));
      stream.end();
      return;
    }
    await writeAll(response, this.options.render(openMetrics));
    response.end();
  }

  private authorized(header: string | undefined): boolean {
    if (this.expected === undefined) {
      return true;
    }
    // The scheme is case-insensitive (RFC 9110), the token is not.
    const text = header ?? '';
    const received = Buffer.from(
      /^bearer /i.test(text) ? `Bearer ${text.slice(7)}` : text,
    );
    return (
      received.length === this.expected.length &&
      timingSafeEqual(received, this.expected)
    );
  }
}

/** Writes every chunk, waiting for `drain` when the stream is full. */
async function writeAll(
  stream: NodeJS.WritableStream,
  chunks: AsyncIterable<string>,
): Promise<void> {
  for await (const chunk of chunks) {
    if (!stream.write(chunk)) {
      await new Promise((resolve) => stream.once('drain', resolve));
    }
  }
}

function plain(response: ServerResponse, status: number, body: string) {
  response.statusCode = status;
  response.setHeader('Content-Type', 'text/plain; charset=utf-8');
  response.end(body);
}

/**
 * Checks whether the `Accept` header lists OpenMetrics text with a non-zero
 * quality, as Prometheus requests it.
 */
export function acceptsOpenMetrics(accept: string | undefined): boolean {
  if (accept === undefined) {
    return false;
  }
  return accept.split(',').some((range) => {
    const [type = '', ...params] = range.split(';').map((s) => s.trim());
    if (type.toLowerCase() !== 'application/openmetrics-text') {
      return false;
    }
    const quality = params.find((p) => p.startsWith('q='));
    return quality === undefined || Number(quality.slice(2)) > 0;
  });
}

function listenError(
  error: NodeJS.ErrnoException,
  host: string,
  port: number,
): MetricsError {
  if (error.code === 'EADDRINUSE') {
    return new MetricsError(
      'METRICS_ADDRESS_IN_USE',
      `Cannot listen on ${host}:${port}: the address is already in use. Stop the other listener, set another "port", or set "port: 0" for a free port.`,
      error,
    );
  }
  return new MetricsError(
    'METRICS_START_FAILED',
    `Cannot listen on ${host}:${port}: ${error.message}. Check the "host" and "port" options.`,
    error,
  );
}
