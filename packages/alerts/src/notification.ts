import type { Alert, AlertStatus } from './alert.js';

/**
 * One message for one receiver about one group of alerts. Its fields follow
 * the body of Alertmanager's webhook receiver.
 */
export interface Notification {
  /** Stable key of this notification, the same on every retry. */
  idempotencyKey: string;
  /** Destination name that receives it. */
  receiver: string;
  /** Key of the alert group: route id and grouping labels. */
  groupKey: string;
  /** `firing` when any alert fires, else `resolved`. */
  status: AlertStatus;
  /** Values of the labels that the group is grouped by. */
  groupLabels: Record<string, string>;
  /** Labels that all alerts share. */
  commonLabels: Record<string, string>;
  /** Annotations that all alerts share. */
  commonAnnotations: Record<string, string>;
  /** Link back to the sender. */
  externalURL: string;
  /** Alerts of the group: firing ones and those resolved since last time. */
  alerts: Alert[];
  /** Short title rendered by the template, or the plain fallback. */
  title: string;
  /** Text rendered by the template, or the plain fallback. */
  text: string;
  /** Creation time, ISO 8601. */
  createdAt: string;
}
