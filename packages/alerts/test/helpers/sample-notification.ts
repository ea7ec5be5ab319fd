import type { Notification } from '../../src/notification.js';

/** Builds a fixed notification for payload tests. */
export function sampleNotification(
  overrides: Partial<Notification> = {},
): Notification {
  return {
    idempotencyKey: 'key-1',
    receiver: 'team',
    groupKey: '0:{alertname="HighLatency"}',
    status: 'firing',
    groupLabels: { alertname: 'HighLatency' },
    commonLabels: { alertname: 'HighLatency', severity: 'critical' },
    commonAnnotations: {},
    externalURL: 'http://orchestrator.local',
    alerts: [
      {
        name: 'HighLatency',
        labels: { alertname: 'HighLatency', severity: 'critical', model: 'a' },
        annotations: { summary: 'p99 <b>over</b> 2 s & rising' },
        severity: 'critical',
        status: 'firing',
        startsAt: '2026-01-01T00:00:00.000Z',
        endsAt: '',
        fingerprint: '0123456789abcdef',
        generatorURL: 'http://orchestrator.local/anomalies/1',
      },
    ],
    title: '[FIRING:1] HighLatency',
    text: 'firing HighLatency {model=a}',
    createdAt: '2026-01-01T00:00:30.000Z',
    ...overrides,
  };
}
