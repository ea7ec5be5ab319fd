import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A loopback HTTP server that records JSON bodies it receives. */
export interface WebhookReceiver {
  url: string;
  bodies: unknown[];
  /** Requests received, failed ones included. */
  attempts: number;
  close(): Promise<void>;
}

/**
 * Starts a webhook receiver on 127.0.0.1 that responds to every request
 * with `status` (200 by default).
 */
export async function startWebhookReceiver(
  status = 200,
): Promise<WebhookReceiver> {
  const receiver = { bodies: [] as unknown[], attempts: 0 };
  const server = createServer((request, response) => {
    let raw = '';
    request.on('data', (chunk) => {
      raw += chunk;
    });
    request.on('end', () => {
      receiver.attempts += 1;
      if (status < 300) {
        receiver.bodies.push(JSON.parse(raw));
      }
      response.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return Object.assign(receiver, {
    url: `http://127.0.0.1:${port}/hook`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}
