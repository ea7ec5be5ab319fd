import {
  createServer,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** Request as the loopback server received it. */
export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** What the server does with one request. */
export type Behavior =
  | { kind: 'status'; status: number; headers?: Record<string, string> }
  | { kind: 'close' }
  | { kind: 'slow'; delayMs: number }
  | { kind: 'never' };

/** HTTP server on 127.0.0.1 that misbehaves on request, for tests. */
export interface LoopbackServer {
  url: string;
  requests: ReceivedRequest[];
  /** Behaviors for the next requests, in order; then 200. */
  plan(...behaviors: Behavior[]): void;
  /** Resolves once `count` requests have arrived. */
  waitForRequests(count: number): Promise<void>;
  close(): Promise<void>;
}

/** Starts a loopback server on a free port. */
export async function startLoopbackServer(): Promise<LoopbackServer> {
  const requests: ReceivedRequest[] = [];
  const planned: Behavior[] = [];
  const sockets = new Set<Socket>();
  const waiters: { count: number; resolve: () => void }[] = [];

  const respond = (behavior: Behavior, res: ServerResponse) => {
    switch (behavior.kind) {
      case 'status':
        res.writeHead(behavior.status, behavior.headers ?? {});
        res.end(behavior.status < 300 ? 'ok' : 'failed');
        return;
      case 'close':
        res.socket?.destroy();
        return;
      case 'slow':
        setTimeout(() => res.end('ok'), behavior.delayMs);
        return;
      case 'never':
        return;
    }
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      requests.push({
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      for (const waiter of [...waiters]) {
        if (requests.length >= waiter.count) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve();
        }
      }
      respond(planned.shift() ?? { kind: 'status', status: 200 }, res);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    plan: (...behaviors) => planned.push(...behaviors),
    waitForRequests: (count) =>
      requests.length >= count
        ? Promise.resolve()
        : new Promise((resolve) => waiters.push({ count, resolve })),
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) {
          socket.destroy();
        }
        server.close(() => resolve());
      }),
  };
}
