import { z } from 'zod';
import { durationMs } from './duration.js';
import { secret } from './secret.js';

// Only a missing URL gets its own message: the default one for an invalid
// URL is kept, and the error formatter redacts the value there.
const httpUrl = () =>
  z.url({
    protocol: /^https?$/,
    error: (issue) =>
      issue.input === undefined
        ? 'missing URL; set an http or https URL such as "http://127.0.0.1:8080/alerts"'
        : undefined,
  });

/** Token bucket limit on the notifications sent to one destination. */
export const RateLimitConfig = z
  .object({
    /** Notifications allowed per interval. */
    count: z.number().int().positive(),
    /** Length of the interval, in milliseconds or a duration string. @default 1000 */
    interval: durationMs().default(1_000),
  })
  .strict();

/** Fields that every destination accepts, whatever its type. */
export const destinationBaseShape = {
  /** Name that routes refer to as their `receiver`. */
  name: z.string().min(1),
  /** Limit on notifications per interval. @default none (slack: 1 per second) */
  rateLimit: RateLimitConfig.optional(),
  /** Per-attempt timeout for this destination. @default the router's `timeout` */
  timeout: durationMs().optional(),
};

/** Writes one human-readable line (or JSON) per notification to a stream. */
export const ConsoleDestinationConfig = z
  .object({
    type: z.literal('console'),
    ...destinationBaseShape,
    /** Line format. @default 'text' */
    format: z.enum(['text', 'json']).default('text'),
  })
  .strict();

/** Keeps notifications in memory, for tests. */
export const MemoryDestinationConfig = z
  .object({
    type: z.literal('memory'),
    ...destinationBaseShape,
    /** Max notifications kept; older ones are dropped first. @default 1000 */
    maxNotifications: z.number().int().positive().default(1_000),
    /**
     * Whether the router re-posts firing alerts after every re-send, as for
     * an Alertmanager. @default false
     */
    mirrorsState: z.boolean().optional(),
  })
  .strict();

/** Appends notifications as JSON lines to a file rotated by size. */
export const FileDestinationConfig = z
  .object({
    type: z.literal('file'),
    ...destinationBaseShape,
    /** Path of the JSON-lines file. */
    path: z.string().min(1),
    /** Size in bytes after which the file is rotated. @default 10485760 */
    maxBytes: z
      .number()
      .int()
      .positive()
      .default(10 * 1024 * 1024),
    /** Rotated files kept beside the current one (`path.1` …). @default 5 */
    maxFiles: z.number().int().nonnegative().default(5),
  })
  .strict();

/** POSTs the Alertmanager webhook body to a URL. */
export const WebhookDestinationConfig = z
  .object({
    type: z.literal('webhook'),
    ...destinationBaseShape,
    /** Receiving URL (http or https). */
    url: secret(httpUrl()),
    /** Key of the HMAC-SHA256 signature header. @default none (unsigned) */
    secret: secret(z.string().min(1)).optional(),
    /** Header that carries `sha256=<hex>`. @default 'x-mmorch-signature' */
    signatureHeader: z.string().min(1).default('x-mmorch-signature'),
    /** Extra request headers. @default {} */
    headers: z.record(z.string(), z.string()).default({}),
    /** Max alerts per body, 0 for all; the rest are counted. @default 0 */
    maxAlerts: z.number().int().nonnegative().default(0),
  })
  .strict();

/** Posts messages to a Slack incoming webhook. */
export const SlackDestinationConfig = z
  .object({
    type: z.literal('slack'),
    ...destinationBaseShape,
    /** Incoming-webhook URL. */
    url: secret(httpUrl()),
    /** Channel override. @default the webhook's channel */
    channel: z.string().optional(),
    /** User name override. @default the webhook's name */
    username: z.string().optional(),
  })
  .strict();

/** Sends trigger and resolve events to PagerDuty Events API v2. */
export const PagerDutyDestinationConfig = z
  .object({
    type: z.literal('pagerduty'),
    ...destinationBaseShape,
    /** Integration (routing) key of the PagerDuty service. */
    routingKey: secret(z.string().min(1)),
    /** Events endpoint. @default 'https://events.pagerduty.com/v2/enqueue' */
    url: httpUrl().default('https://events.pagerduty.com/v2/enqueue'),
    /** `payload.source` of each event. @default 'mm-orch' */
    source: z.string().min(1).default('mm-orch'),
    /** `client` name shown in PagerDuty. @default 'mm-orch' */
    client: z.string().min(1).default('mm-orch'),
  })
  .strict();

/** POSTs alerts to an Alertmanager's `/api/v2/alerts`. */
export const AlertmanagerDestinationConfig = z
  .object({
    type: z.literal('alertmanager'),
    ...destinationBaseShape,
    /** Base URL of the Alertmanager, such as `http://127.0.0.1:9093`. */
    url: httpUrl(),
    /** Extra request headers. @default {} */
    headers: z.record(z.string(), z.string()).default({}),
    /**
     * Whether the router re-posts firing alerts after every re-send, so that
     * the Alertmanager gets each new `endsAt` before the old one passes.
     * @default true
     */
    mirrorsState: z.boolean().optional(),
  })
  .strict();

/** Schemas of the destination types built in, by `type`. */
export const builtInDestinationSchemas = {
  console: ConsoleDestinationConfig,
  memory: MemoryDestinationConfig,
  file: FileDestinationConfig,
  webhook: WebhookDestinationConfig,
  slack: SlackDestinationConfig,
  pagerduty: PagerDutyDestinationConfig,
  alertmanager: AlertmanagerDestinationConfig,
} as const;

/** Config of a destination of a user-registered type. */
export interface CustomDestinationConfig {
  type: string;
  name: string;
  rateLimit?: z.output<typeof RateLimitConfig>;
  timeout?: number;
  [field: string]: unknown;
}

/** Config of a destination of a user-registered type, as a user writes it. */
export interface CustomDestinationConfigInput {
  type: string;
  name: string;
  rateLimit?: z.input<typeof RateLimitConfig>;
  timeout?: number | string;
  [field: string]: unknown;
}

type BuiltInSchemas = typeof builtInDestinationSchemas;

/** Destination config after defaults, for a built-in or registered type. */
export type DestinationConfigOutput =
  | z.output<BuiltInSchemas[keyof BuiltInSchemas]>
  | CustomDestinationConfig;

/** Destination config that a user may pass. */
export type DestinationConfigInput =
  | z.input<BuiltInSchemas[keyof BuiltInSchemas]>
  | CustomDestinationConfigInput;
