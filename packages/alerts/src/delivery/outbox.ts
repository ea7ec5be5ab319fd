import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Notification } from '../notification.js';
import { appendJsonLine, parseJsonLines } from './json-lines.js';
import { makeFolder } from './make-folder.js';

type OutboxRecord =
  | { op: 'add'; notification: Notification }
  | { op: 'done'; receiver: string; idempotencyKey: string };

const COMPACT_AFTER_LINES = 10_000;

function keyOf(receiver: string, idempotencyKey: string): string {
  return `${receiver}\u0000${idempotencyKey}`;
}

/**
 * JSON-lines file of the notifications not yet delivered nor dead-lettered.
 * A notification is appended when queued and marked done when it leaves the
 * queue, so a new router started after a crash finds the rest and delivers
 * them: at least once, never lost.
 */
export class Outbox {
  private readonly pending = new Map<string, Notification>();
  private lines = 0;
  /** Torn lines skipped when the file was loaded. */
  invalidLines = 0;
  /** Lines that could not be written. */
  writeErrors = 0;
  /** Message of the last write error. */
  lastWriteError: string | undefined;

  constructor(readonly path: string) {}

  /** Reads the file, compacts it, and returns the pending notifications. */
  load(): Notification[] {
    if (existsSync(this.path)) {
      const parsed = parseJsonLines(readFileSync(this.path, 'utf8'));
      this.invalidLines = parsed.invalid;
      for (const record of parsed.records as OutboxRecord[]) {
        this.apply(record);
      }
    }
    this.compact();
    return [...this.pending.values()];
  }

  /** Records a queued notification. */
  add(notification: Notification): void {
    this.write({ op: 'add', notification });
  }

  /** Records that a notification was delivered or dead-lettered. */
  done(notification: Notification): void {
    this.write({
      op: 'done',
      receiver: notification.receiver,
      idempotencyKey: notification.idempotencyKey,
    });
  }

  private write(record: OutboxRecord): void {
    this.apply(record);
    try {
      appendJsonLine(this.path, record);
      this.lines += 1;
      if (this.lines >= COMPACT_AFTER_LINES) {
        this.compact();
      }
    } catch (error) {
      // Delivery goes on without the file; the router reports the failure.
      this.writeErrors += 1;
      this.lastWriteError = (error as Error).message;
    }
  }

  private apply(record: OutboxRecord): void {
    if (record?.op === 'add' && record.notification) {
      const { receiver, idempotencyKey } = record.notification;
      this.pending.set(keyOf(receiver, idempotencyKey), record.notification);
    } else if (record?.op === 'done') {
      this.pending.delete(keyOf(record.receiver, record.idempotencyKey));
    }
  }

  /** Rewrites the file with the pending notifications only. */
  private compact(): void {
    const text = [...this.pending.values()]
      .map((notification) => `${JSON.stringify({ op: 'add', notification })}\n`)
      .join('');
    const temporary = `${this.path}.tmp`;
    makeFolder(dirname(this.path));
    writeFileSync(temporary, text);
    renameSync(temporary, this.path);
    this.lines = this.pending.size;
  }
}
