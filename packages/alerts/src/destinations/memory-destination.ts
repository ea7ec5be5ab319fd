import type { Alert } from '../alert.js';
import type { Notification } from '../notification.js';
import type { Destination, SendOptions } from './destination.js';

/** Options of `MemoryDestination`. */
export interface MemoryDestinationOptions {
  /** Destination name. @default 'memory' */
  name?: string;
  /** Max notifications kept; the oldest go first. @default 1000 */
  maxNotifications?: number;
  /** Per-attempt timeout in milliseconds. @default the router's `timeout` */
  timeout?: number;
  /**
   * Whether the router re-posts firing alerts after every re-send, as for
   * an Alertmanager. @default false
   */
  mirrorsState?: boolean;
}

/**
 * Keeps notifications in an array, for tests: route alerts to it and
 * assert on `notifications`.
 */
export class MemoryDestination implements Destination {
  readonly name: string;
  /** Per-attempt timeout in milliseconds, or the router's when unset. */
  readonly timeout: number | undefined;
  /** Whether the router re-posts firing alerts after every re-send. */
  readonly mirrorsState: boolean;
  /** Notifications received, oldest first. */
  readonly notifications: Notification[] = [];
  /** Notifications dropped because `maxNotifications` was reached. */
  dropped = 0;
  private readonly maxNotifications: number;

  constructor(options: MemoryDestinationOptions = {}) {
    this.name = options.name ?? 'memory';
    this.timeout = options.timeout;
    this.mirrorsState = options.mirrorsState ?? false;
    this.maxNotifications = options.maxNotifications ?? 1_000;
  }

  /** Stores one notification. */
  async send(
    notification: Notification,
    _options?: SendOptions,
  ): Promise<void> {
    this.notifications.push(notification);
    if (this.notifications.length > this.maxNotifications) {
      this.notifications.shift();
      this.dropped += 1;
    }
  }

  /** Returns the alerts of all stored notifications, in order. */
  alerts(): Alert[] {
    return this.notifications.flatMap((notification) => notification.alerts);
  }

  /** Removes all stored notifications. */
  clear(): void {
    this.notifications.length = 0;
  }
}
