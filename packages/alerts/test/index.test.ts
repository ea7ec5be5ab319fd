import { describe, expect, test } from 'vitest';
import * as alerts from '../src/index.js';

describe('package entry', () => {
  test('exports the public API', () => {
    expect(Object.keys(alerts).sort()).toMatchInlineSnapshot(`
      [
        "AlertRouter",
        "AlertmanagerDestination",
        "AlertsError",
        "ConsoleDestination",
        "DeliveryError",
        "FileDestination",
        "MemoryDestination",
        "PAGERDUTY_LIMITS",
        "PagerDutyDestination",
        "SlackDestination",
        "VERSION",
        "WebhookDestination",
        "createDestination",
        "escapeSlack",
        "fingerprintLabels",
        "formatMatchers",
        "normalizeAlert",
        "parseMatchers",
        "signBody",
        "toAlertmanagerAlerts",
        "toPagerDutyEvent",
        "toSlackMessage",
        "toWebhookBody",
      ]
    `);
  });
});
