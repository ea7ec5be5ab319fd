import { appendFile, rename, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { makeFolder } from '../delivery/make-folder.js';
import type { Notification } from '../notification.js';
import type { Destination, SendOptions } from './destination.js';

/** Options of `FileDestination`. */
export interface FileDestinationOptions {
  /** Destination name. */
  name: string;
  /** Path of the JSON-lines file. */
  path: string;
  /** Size in bytes after which the file is rotated. @default 10485760 */
  maxBytes?: number;
  /** Rotated files kept (`path.1` is the newest). @default 5 */
  maxFiles?: number;
  /** Per-attempt timeout in milliseconds. @default the router's `timeout` */
  timeout?: number;
}

/**
 * Appends each notification as one JSON line. Before a line would push the
 * file past `maxBytes`, the file moves to `path.1`, older ones shift up, and
 * the one past `maxFiles` is deleted.
 */
export class FileDestination implements Destination {
  readonly name: string;
  /** Per-attempt timeout in milliseconds, or the router's when unset. */
  readonly timeout: number | undefined;
  private readonly path: string;
  private readonly maxBytes: number;
  private readonly maxFiles: number;
  private size: number | undefined;

  constructor(options: FileDestinationOptions) {
    this.name = options.name;
    this.timeout = options.timeout;
    this.path = options.path;
    this.maxBytes = options.maxBytes ?? 10 * 1024 * 1024;
    this.maxFiles = options.maxFiles ?? 5;
  }

  /** Appends one notification, rotating first when needed. */
  async send(
    notification: Notification,
    _options?: SendOptions,
  ): Promise<void> {
    const line = `${JSON.stringify(notification)}\n`;
    const bytes = Buffer.byteLength(line);
    if (this.size === undefined) {
      // Synchronous, once: Node's recursive mkdir can spin forever.
      makeFolder(dirname(this.path));
      this.size = await stat(this.path).then(
        (info) => info.size,
        () => 0,
      );
    }
    if (this.size > 0 && this.size + bytes > this.maxBytes) {
      await this.rotate();
    }

    await appendFile(this.path, line);
    this.size += bytes;
  }

  private async rotate(): Promise<void> {
    if (this.maxFiles === 0) {
      await rm(this.path, { force: true });
      this.size = 0;
      return;
    }

    await rm(`${this.path}.${this.maxFiles}`, { force: true });
    for (let index = this.maxFiles - 1; index >= 1; index -= 1) {
      await rename(`${this.path}.${index}`, `${this.path}.${index + 1}`).catch(
        () => {},
      );
    }
    await rename(this.path, `${this.path}.1`);
    this.size = 0;
  }
}
