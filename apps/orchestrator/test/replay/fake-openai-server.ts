import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One completion request the fake server received. */
export interface ReceivedCompletion {
  /** Arrival time from `performance.now()`. */
  atMs: number;
  /** Parsed JSON body. */
  body: { model: string; prompt: string; max_tokens: number; stream: boolean };
}

/** Behaviour of the fake server's completion responses. */
export interface FakeServerBehaviour {
  /** Status code of each response. @default 200 */
  status?: number;
  /** Delay before responding, in ms. @default 0 */
  delayMs?: number;
  /** Never answer completions. @default false */
  hang?: boolean;
}

/** A loopback OpenAI-compatible server for replay tests. */
export interface FakeOpenAiServer {
  url: string;
  received: ReceivedCompletion[];
  close(): Promise<void>;
}

/** Starts a fake OpenAI-compatible server on 127.0.0.1 on a free port. */
export async function startFakeOpenAiServer(
  behaviour: FakeServerBehaviour = {},
  models: string[] = ['fake-model'],
): Promise<FakeOpenAiServer> {
  const received: ReceivedCompletion[] = [];
  const server: Server = createServer(async (request, response) => {
    if (request.method === 'GET' && request.url === '/v1/models') {
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ data: models.map((id) => ({ id })) }));
      return;
    }

    const body = JSON.parse(await readBody(request));
    received.push({ atMs: performance.now(), body });
    if (behaviour.hang) {
      return;
    }
    if (behaviour.delayMs) {
      await new Promise((resolve) => setTimeout(resolve, behaviour.delayMs));
    }

    response.statusCode = behaviour.status ?? 200;
    if (body.stream) {
      response.setHeader('content-type', 'text/event-stream');
      response.write('data: {"choices":[{"text":"a"}]}\n\n');
      response.end('data: [DONE]\n\n');
      return;
    }
    response.setHeader('x-cache', received.length % 2 === 0 ? 'hit' : 'miss');
    response.end(JSON.stringify({ choices: [{ text: 'a' }] }));
  });

  await new Promise<void>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve()),
  );
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString()));
    request.on('error', reject);
  });
}
