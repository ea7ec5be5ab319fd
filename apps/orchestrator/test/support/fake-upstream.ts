import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A loopback OpenAI-compatible server that records what it receives. */
export interface FakeUpstream {
  url: string;
  requests: Array<{
    path: string;
    headers: IncomingMessage['headers'];
    // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary fields
    body: Record<string, any>;
  }>;
  close(): Promise<void>;
}

/**
 * Starts a fake upstream on 127.0.0.1. It serves `GET /v1/models` and
 * echoes completions as JSON or as SSE chunks. `status` forces an error.
 */
export async function startFakeUpstream(
  options: { status?: number } = {},
): Promise<FakeUpstream> {
  const requests: FakeUpstream['requests'] = [];
  const server: Server = createServer((request, response) => {
    let raw = '';
    request.on('data', (chunk) => {
      raw += chunk;
    });
    request.on('end', () => {
      const body = raw ? JSON.parse(raw) : undefined;
      requests.push({
        path: request.url ?? '',
        headers: request.headers,
        body,
      });
      if (options.status) {
        response.writeHead(options.status).end('upstream failure');
        return;
      }
      if (request.url === '/v1/models') {
        response.end(JSON.stringify({ data: [{ id: 'up' }] }));
        return;
      }
      const text = `upstream says ${body.prompt ?? body.messages?.[0]?.content}`;
      if (body.stream) {
        response.writeHead(200, { 'content-type': 'text/event-stream' });
        for (const piece of text.split(' ')) {
          const chunk = {
            choices: [{ index: 0, delta: { content: `${piece} ` } }],
          };
          response.write(`data: ${JSON.stringify(chunk)}\n\n`);
        }
        response.end('data: [DONE]\n\n');
        return;
      }
      response.end(
        JSON.stringify({
          choices: [
            {
              index: 0,
              text,
              message: { content: text },
              finish_reason: 'stop',
            },
          ],
          usage: { prompt_tokens: 7, completion_tokens: 3 },
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
