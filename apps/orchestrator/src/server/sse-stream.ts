import type { FastifyReply } from 'fastify';

/**
 * Server-sent events writer that sends its headers with the first event, so
 * a request that fails before any output still gets a plain JSON error.
 */
export class SseStream {
  private opened = false;

  constructor(
    private readonly reply: FastifyReply,
    private readonly headers: Record<string, string>,
  ) {}

  /** Whether the 200 status and headers are sent. */
  get started(): boolean {
    return this.opened;
  }

  /** Sends one `data:` event with a JSON payload. */
  send(payload: unknown): void {
    this.write(`data: ${JSON.stringify(payload)}\n\n`);
  }

  /** Sends the `[DONE]` marker and ends the response. */
  done(): void {
    this.write('data: [DONE]\n\n');
    this.reply.raw.end();
  }

  /** Ends the response after an error event. */
  fail(payload: unknown): void {
    this.send(payload);
    this.reply.raw.end();
  }

  private write(text: string): void {
    const raw = this.reply.raw;
    if (raw.destroyed || raw.writableEnded) {
      return;
    }
    if (!this.opened) {
      this.opened = true;
      this.reply.hijack();
      raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
        ...this.headers,
      });
    }
    raw.write(text);
  }
}
