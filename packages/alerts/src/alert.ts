import { createHash } from 'node:crypto';

/** Severity of an alert, also stored as its `severity` label. */
export type AlertSeverity = 'critical' | 'error' | 'warning' | 'info';

/** Whether an alert is still active. */
export type AlertStatus = 'firing' | 'resolved';

/** Alert as a caller raises it. Only `name` is required. */
export interface AlertInput {
  /** Alert name, stored as the `alertname` label. */
  name: string;
  /** Labels that identify the alert. @default {} */
  labels?: Record<string, string>;
  /** Descriptive text (summary, description, runbook). @default {} */
  annotations?: Record<string, string>;
  /** Severity, stored as the `severity` label. @default 'warning' */
  severity?: AlertSeverity;
  /** Status. @default 'firing' */
  status?: AlertStatus;
  /** Start time. @default now */
  startsAt?: Date | string | number;
  /** End time. A time in the past resolves the alert. @default none */
  endsAt?: Date | string | number;
  /** Link back to the source of the alert. @default none */
  generatorURL?: string;
}

/** Alert after normalization, with its fingerprint and ISO times. */
export interface Alert {
  /** Alert name, equal to `labels.alertname`. */
  name: string;
  /** Labels, `alertname` and `severity` included. */
  labels: Record<string, string>;
  /** Descriptive text. */
  annotations: Record<string, string>;
  /** Severity, equal to `labels.severity`. */
  severity: AlertSeverity;
  /** Status. */
  status: AlertStatus;
  /** Start time, ISO 8601. */
  startsAt: string;
  /** End time, ISO 8601, or empty while firing without an end. */
  endsAt: string;
  /** Hash of the sorted labels, 16 hex digits. */
  fingerprint: string;
  /** Link back to the source of the alert, or empty. */
  generatorURL: string;
}

const SEVERITIES = new Set<string>(['critical', 'error', 'warning', 'info']);

/**
 * Computes the fingerprint of a label set: a hash of the labels sorted by
 * name, so that the order in which they were given does not matter.
 */
export function fingerprintLabels(labels: Record<string, string>): string {
  const hash = createHash('sha256');
  for (const name of Object.keys(labels).sort()) {
    hash.update(name);
    hash.update('\u00ff');
    hash.update(labels[name] ?? '');
    hash.update('\u00ff');
  }
  return hash.digest('hex').slice(0, 16);
}

function toIso(value: Date | string | number, field: string): string {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) {
    throw new TypeError(
      `alert ${field} ${JSON.stringify(value)} is not a valid time; pass a Date, epoch milliseconds or an ISO 8601 string`,
    );
  }
  return date.toISOString();
}

function toStringRecord(
  record: Record<string, unknown> | undefined,
  field: string,
): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(record ?? {})) {
    if (typeof value !== 'string') {
      throw new TypeError(
        `alert ${field}.${key} is ${typeof value}; ${field} values must be strings`,
      );
    }
    result[key] = value;
  }
  return result;
}

/**
 * Normalizes an alert: validates it, adds the `alertname` and `severity`
 * labels, computes the fingerprint, and resolves it when `endsAt` lies in
 * the past. Throws a `TypeError` that names the invalid field.
 */
export function normalizeAlert(input: AlertInput, now: number): Alert {
  if (typeof input?.name !== 'string' || input.name === '') {
    throw new TypeError('alert name is missing; pass a non-empty `name`');
  }

  const labels = toStringRecord(input.labels, 'labels');
  const severity = input.severity ?? labels.severity ?? 'warning';
  if (!SEVERITIES.has(severity)) {
    throw new TypeError(
      `alert severity ${JSON.stringify(severity)} is invalid; use critical, error, warning or info`,
    );
  }
  labels.alertname = input.name;
  labels.severity = severity;

  const endsAt =
    input.endsAt === undefined ? '' : toIso(input.endsAt, 'endsAt');
  const endedInPast = endsAt !== '' && Date.parse(endsAt) <= now;
  const status: AlertStatus =
    input.status ?? (endedInPast ? 'resolved' : 'firing');

  return {
    name: input.name,
    labels,
    annotations: toStringRecord(input.annotations, 'annotations'),
    severity: severity as AlertSeverity,
    status,
    startsAt: toIso(input.startsAt ?? now, 'startsAt'),
    endsAt:
      status === 'resolved' && endsAt === '' ? toIso(now, 'endsAt') : endsAt,
    fingerprint: fingerprintLabels(labels),
    generatorURL: input.generatorURL ?? '',
  };
}

/**
 * Checks whether an alert repeats the stored one: the same status and
 * annotations.
 * A firing alert's `endsAt` is ignored, because senders such as Prometheus
 * push it forward on every evaluation.
 */
export function isSameAlert(previous: Alert, next: Alert): boolean {
  if (previous.status !== next.status) {
    return false;
  }
  if (next.status === 'resolved') {
    return true;
  }
  const before = previous.annotations;
  const after = next.annotations;
  const keys = Object.keys(after);
  return (
    keys.length === Object.keys(before).length &&
    keys.every((key) => before[key] === after[key])
  );
}
