// A stand-in OpenTelemetry collector for `bench.mjs --otlp`: it accepts
// OTLP/HTTP trace exports on 127.0.0.1, reads each body, counts requests
// and bytes, and returns status 200 with an empty export response. It
// parses nothing, so that it takes little CPU from the load generator.
import { once } from 'node:events';
import http from 'node:http';

/**
 * Starts the collector on 127.0.0.1 at a free port. Resolves with its
 * traces URL, `stats()` (requests and bytes received so far) and `close()`.
 */
export async function startCollector() {
  let requests = 0;
  let bytes = 0;
  const server = http.createServer((request, response) => {
    request.on('data', (chunk) => {
      bytes += chunk.length;
    });
    request.on('end', () => {
      requests++;
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{}');
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}/v1/traces`,
    stats: () => ({ requests, bytes }),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
