/** Version of the @mm-orch/alerts package. */
export const VERSION = '0.1.0';

export {
  type Alert,
  type AlertInput,
  type AlertSeverity,
  type AlertStatus,
  fingerprintLabels,
  normalizeAlert,
} from './alert.js';
export { AlertRouter } from './alert-router.js';
export type { RetryPolicy } from './delivery/backoff.js';
export type { DeadLetter } from './delivery/dead-letter.js';
export type {
  DestinationState,
  DestinationStatus,
} from './delivery/destination-status.js';
export type {
  NotificationOutcome,
  NotificationOutcomeHandler,
  NotificationOutcomeKind,
} from './delivery/notification-outcome.js';
export {
  AlertmanagerDestination,
  type AlertmanagerDestinationOptions,
  toAlertmanagerAlerts,
} from './destinations/alertmanager-destination.js';
export {
  ConsoleDestination,
  type ConsoleDestinationOptions,
} from './destinations/console-destination.js';
export { createDestination } from './destinations/create-destination.js';
export type { Destination, SendOptions } from './destinations/destination.js';
export {
  FileDestination,
  type FileDestinationOptions,
} from './destinations/file-destination.js';
export {
  MemoryDestination,
  type MemoryDestinationOptions,
} from './destinations/memory-destination.js';
export {
  PAGERDUTY_LIMITS,
  PagerDutyDestination,
  type PagerDutyDestinationOptions,
  toPagerDutyEvent,
} from './destinations/pagerduty-destination.js';
export {
  escapeSlack,
  SlackDestination,
  type SlackDestinationOptions,
  toSlackMessage,
} from './destinations/slack-destination.js';
export {
  signBody,
  toWebhookBody,
  type WebhookAlert,
  type WebhookBody,
  WebhookDestination,
  type WebhookDestinationOptions,
} from './destinations/webhook-destination.js';
export { AlertsError, DeliveryError } from './errors.js';
export {
  formatMatchers,
  type Matcher,
  type MatchOperator,
  parseMatchers,
} from './matcher.js';
export type { Notification } from './notification.js';
export type {
  AlertRouterOptions,
  DestinationContext,
  DestinationFactory,
  TextSink,
} from './router-options.js';
export type {
  AlertRouterStatus,
  AlertState,
  AlertWithState,
  FlushResult,
} from './router-status.js';
export type { Silence, SilenceInput, SilenceState } from './silences.js';
export type {
  NotificationContent,
  NotificationTemplate,
} from './template.js';
