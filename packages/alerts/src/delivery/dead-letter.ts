import type { Notification } from '../notification.js';
import { appendJsonLine } from './json-lines.js';

/** One line of the dead-letter file. */
export interface DeadLetter {
  /** Destination that could not deliver. */
  destination: string;
  /** Message of the last error. */
  error: string;
  /** Attempts made. */
  attempts: number;
  /** Time it was given up, ISO 8601. */
  deadLetteredAt: string;
  /** The notification itself. */
  notification: Notification;
}

/**
 * Writes undeliverable notifications to a JSON-lines file when a path is
 * set, and keeps the latest `keep` of them in memory in any case.
 */
export class DeadLetterLog {
  private readonly recent: DeadLetter[] = [];
  /** Lines that could not be written to the file. */
  writeErrors = 0;
  /** Message of the last write error. */
  lastWriteError: string | undefined;

  constructor(
    private readonly path: string | undefined,
    private readonly keep = 100,
  ) {}

  /** Records one dead letter. */
  write(letter: DeadLetter): void {
    this.recent.push(letter);
    if (this.recent.length > this.keep) {
      this.recent.shift();
    }
    if (this.path === undefined) {
      return;
    }

    try {
      appendJsonLine(this.path, letter);
    } catch (error) {
      this.writeErrors += 1;
      this.lastWriteError = (error as Error).message;
    }
  }

  /** Returns the latest dead letters, oldest first. */
  list(): DeadLetter[] {
    return [...this.recent];
  }
}
