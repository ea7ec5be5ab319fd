import type { Notification } from './notification.js';

/** Message content that a template renders. */
export type NotificationContent = Omit<Notification, 'title' | 'text'>;

/** Functions that render a notification's title and text. */
export interface NotificationTemplate {
  /** Renders the title. @default `[FIRING:2] HighLatency` style */
  title?: (notification: NotificationContent) => string;
  /** Renders the text. @default one line per alert */
  text?: (notification: NotificationContent) => string;
}

/** Renders the plain title, which needs nothing but the alerts. */
export function plainTitle(content: NotificationContent): string {
  const firing = content.alerts.filter((a) => a.status === 'firing').length;
  const count = content.status === 'firing' ? firing : content.alerts.length;
  const name = content.commonLabels.alertname ?? content.alerts[0]?.name ?? '';
  return `[${content.status.toUpperCase()}:${count}] ${name}`.trimEnd();
}

/** Renders the plain text: one line per alert with labels and summary. */
export function plainText(content: NotificationContent): string {
  return content.alerts
    .map((alert) => {
      const labels = Object.entries(alert.labels)
        .map(([name, value]) => `${name}=${value}`)
        .join(' ');
      const summary =
        alert.annotations.summary ?? alert.annotations.description;
      const tail = summary ? ` - ${summary}` : '';
      return `${alert.status} ${alert.name} {${labels}}${tail}`;
    })
    .join('\n');
}

/**
 * Renders title and text with the user's template. A template that throws
 * or returns no string is replaced by the plain rendering, and `failed`
 * marks the result so the caller counts it.
 */
export function renderNotification(
  content: NotificationContent,
  template: NotificationTemplate | undefined,
): { title: string; text: string; failed: boolean } {
  let failed = false;
  const render = (
    custom: ((n: NotificationContent) => string) | undefined,
    plain: (n: NotificationContent) => string,
  ): string => {
    if (custom) {
      try {
        const rendered = custom(content);
        if (typeof rendered === 'string') {
          return rendered;
        }
      } catch {
        // The plain rendering below replaces it, and `failed` is counted.
      }
      failed = true;
    }
    return plain(content);
  };

  const title = render(template?.title, plainTitle);
  const text = render(template?.text, plainText);
  return { title, text, failed };
}
