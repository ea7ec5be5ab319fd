import type { Notification } from '../notification.js';
import type { TextSink } from '../router-options.js';
import type { Destination, SendOptions } from './destination.js';

/** Options of `ConsoleDestination`. */
export interface ConsoleDestinationOptions {
  /** Destination name. */
  name: string;
  /** `text` for one readable block, `json` for one JSON line. @default 'text' */
  format?: 'text' | 'json';
  /** Stream written to. @default process.stdout */
  stdout?: TextSink;
  /** Per-attempt timeout in milliseconds. @default the router's `timeout` */
  timeout?: number;
}

/** Writes each notification to a stream as readable text or JSON. */
export class ConsoleDestination implements Destination {
  readonly name: string;
  /** Per-attempt timeout in milliseconds, or the router's when unset. */
  readonly timeout: number | undefined;
  private readonly format: 'text' | 'json';
  private readonly stdout: TextSink;

  constructor(options: ConsoleDestinationOptions) {
    this.name = options.name;
    this.timeout = options.timeout;
    this.format = options.format ?? 'text';
    this.stdout = options.stdout ?? process.stdout;
  }

  /** Writes one notification. */
  async send(
    notification: Notification,
    _options?: SendOptions,
  ): Promise<void> {
    if (this.format === 'json') {
      this.stdout.write(`${JSON.stringify(notification)}\n`);
      return;
    }

    const body = notification.text
      .split('\n')
      .map((line) => `  ${line}`)
      .join('\n');
    this.stdout.write(
      `${notification.createdAt} ${notification.receiver} ${notification.title}\n${body}\n`,
    );
  }
}
