import type { Notification } from '../notification.js';
import { truncateText } from '../truncate.js';
import type { Destination, SendOptions } from './destination.js';
import { postJson } from './http.js';

/** Options of `SlackDestination`. */
export interface SlackDestinationOptions {
  /** Destination name. */
  name: string;
  /** Incoming-webhook URL. */
  url: string;
  /** Channel override. @default the webhook's channel */
  channel?: string;
  /** User name override. @default the webhook's name */
  username?: string;
  /** Per-attempt timeout in milliseconds. @default the router's `timeout` */
  timeout?: number;
}

/** Slack's limit on the text of a section block, in characters. */
const SECTION_TEXT_MAX = 3_000;
/** Slack's limit on blocks per message. */
const MAX_BLOCKS = 50;
/** Alert sections per message; the rest are summed up in one line. */
const MAX_ALERT_SECTIONS = MAX_BLOCKS - 3;

/** Escapes `&`, `<` and `>`, the characters that Slack's mrkdwn reserves. */
export function escapeSlack(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;');
}

function section(text: string) {
  return {
    type: 'section',
    text: { type: 'mrkdwn', text: truncateText(text, SECTION_TEXT_MAX) },
  };
}

/** Builds the Slack message of a notification: blocks plus fallback text. */
export function toSlackMessage(
  notification: Notification,
  options: { channel?: string | undefined; username?: string | undefined } = {},
) {
  const title = escapeSlack(notification.title);
  const shown = notification.alerts.slice(0, MAX_ALERT_SECTIONS);
  const blocks: object[] = [section(`*${title}*`)];
  for (const alert of shown) {
    const summary =
      alert.annotations.summary ?? alert.annotations.description ?? '';
    const labels = Object.entries(alert.labels)
      .map(([name, value]) => `${name}=${value}`)
      .join(', ');
    const lines = [
      `*${escapeSlack(alert.name)}* (${alert.status})`,
      summary ? escapeSlack(summary) : '',
      `\`${escapeSlack(labels)}\``,
    ].filter(Boolean);
    blocks.push(section(lines.join('\n')));
  }

  const hidden = notification.alerts.length - shown.length;
  if (hidden > 0) {
    blocks.push(section(`…and ${hidden} more alerts`));
  }
  return {
    text: truncateText(
      `${title}\n${escapeSlack(notification.text)}`,
      SECTION_TEXT_MAX,
    ),
    blocks,
    ...(options.channel ? { channel: options.channel } : {}),
    ...(options.username ? { username: options.username } : {}),
  };
}

/**
 * Posts one message per notification to a Slack incoming webhook. Its
 * default rate limit is one message per second, Slack's documented limit
 * for incoming webhooks; a 429 is retried after its `Retry-After`.
 */
export class SlackDestination implements Destination {
  readonly name: string;
  /** Per-attempt timeout in milliseconds, or the router's when unset. */
  readonly timeout: number | undefined;
  readonly defaultRateLimit = { count: 1, interval: 1_000 };

  constructor(private readonly options: SlackDestinationOptions) {
    this.name = options.name;
    this.timeout = options.timeout;
  }

  /** Posts one notification. */
  async send(
    notification: Notification,
    { signal }: SendOptions,
  ): Promise<void> {
    await postJson({
      destination: this.name,
      url: this.options.url,
      body: JSON.stringify(toSlackMessage(notification, this.options)),
      signal,
    });
  }
}
