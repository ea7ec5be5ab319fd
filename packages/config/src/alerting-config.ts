import { z } from 'zod';
import { RateLimitConfig } from './destination-config.js';
import { DestinationConfig } from './destination-registry.js';
import { durationMs } from './duration.js';

/**
 * Label matchers in Alertmanager's syntax: a list such as
 * `['severity="critical"', 'service=~"api|web"']`, or one string such as
 * `'{severity="critical", service!="db"}'`.
 */
const Matchers = z.union([z.string(), z.array(z.string())]);

/** Node of the routing tree; children inherit what they leave unset. */
export interface RouteConfigOutput {
  receiver?: string | undefined;
  matchers?: string | string[] | undefined;
  groupBy?: string[] | undefined;
  groupWait?: number | undefined;
  groupInterval?: number | undefined;
  repeatInterval?: number | undefined;
  continue: boolean;
  routes: RouteConfigOutput[];
}

/** Routing tree node as a user may write it. */
export interface RouteConfigInput {
  receiver?: string | undefined;
  matchers?: string | string[] | undefined;
  groupBy?: string[] | undefined;
  groupWait?: number | string | undefined;
  groupInterval?: number | string | undefined;
  repeatInterval?: number | string | undefined;
  continue?: boolean | undefined;
  routes?: RouteConfigInput[] | undefined;
}

/**
 * Routing tree node, Alertmanager's `route` spelled in camelCase. The root
 * falls back to the first destination as `receiver`, `['alertname']` as
 * `groupBy`, and 30 s / 5 m / 4 h as `groupWait` / `groupInterval` /
 * `repeatInterval`.
 */
export const RouteConfig: z.ZodType<RouteConfigOutput, RouteConfigInput> =
  z.lazy(() =>
    z
      .object({
        /** Destination name that receives the matching groups. */
        receiver: z.string().min(1).optional(),
        /** Matchers that an alert must satisfy. @default [] (all alerts) */
        matchers: Matchers.optional(),
        /** Labels that group alerts; `['...']` groups by all labels. */
        groupBy: z.array(z.string()).optional(),
        /** Wait before the first notification of a new group. */
        groupWait: durationMs().optional(),
        /** Wait before notifying a group of changes. */
        groupInterval: durationMs().optional(),
        /** Wait before repeating an unchanged notification. */
        repeatInterval: durationMs().optional(),
        /** Whether matching goes on to the next sibling. @default false */
        continue: z.boolean().default(false),
        /** Child routes, tried in order. @default [] */
        routes: z.array(RouteConfig).default([]),
      })
      .strict(),
  );

/** Mutes alerts that match `targetMatchers` while a source alert fires. */
export const InhibitRuleConfig = z
  .object({
    /** Matchers of the muting (source) alerts. */
    sourceMatchers: Matchers,
    /** Matchers of the muted (target) alerts. */
    targetMatchers: Matchers,
    /** Labels whose values must be equal in source and target. @default [] */
    equal: z.array(z.string()).default([]),
  })
  .strict();

const Instant = z.union([z.string(), z.number(), z.date()]);

/** Silence set at startup: matchers plus a time range. */
export const SilenceConfig = z
  .object({
    /** Matchers of the silenced alerts. */
    matchers: Matchers,
    /** Start of the silence (ISO string, epoch ms or Date). @default now */
    startsAt: Instant.optional(),
    /** End of the silence (ISO string, epoch ms or Date). */
    endsAt: Instant,
    /** Author of the silence. @default 'config' */
    createdBy: z.string().default('config'),
    /** Reason for the silence. @default '' */
    comment: z.string().default(''),
  })
  .strict();

/** Retries of a failed delivery attempt. */
export const RetryConfig = z
  .object({
    /** Attempts in total, the first one included. @default 5 */
    attempts: z.number().int().positive().default(5),
    /** Backoff before the second attempt; doubled for each next one. @default 500 */
    baseBackoff: durationMs().default(500),
    /** Backoff cap. @default 30000 */
    maxBackoff: durationMs().default(30_000),
    /** Random share (0 to 1) taken off or added to each backoff. @default 0.2 */
    jitter: z.number().min(0).max(1).default(0.2),
    /** Cap on a server's `Retry-After`. @default 300000 */
    maxRetryAfter: durationMs().default(300_000),
  })
  .strict();

/** Circuit breaker of each destination. */
export const CircuitBreakerConfig = z
  .object({
    /** Consecutive failed attempts that open the circuit. @default 5 */
    failureThreshold: z.number().int().positive().default(5),
    /** Time the circuit stays open before one trial attempt. @default 30000 */
    cooldown: durationMs().default(30_000),
  })
  .strict();

/** Options of `AlertRouter` from `@mm-orch/alerts`. */
export const AlertingConfig = z
  .object({
    /** Whether alerts are routed at all. @default true */
    enabled: z.boolean().default(true),
    /** Destinations, each with a unique `name` and a `type`. @default [] */
    destinations: z.array(DestinationConfig).default([]),
    /** Root of the routing tree. @default {} */
    route: RouteConfig.prefault({}),
    /** Inhibition rules. @default [] */
    inhibitRules: z.array(InhibitRuleConfig).default([]),
    /** Silences set at startup. @default [] */
    silences: z.array(SilenceConfig).default([]),
    /** Retry policy of every destination. @default {} */
    retry: RetryConfig.prefault({}),
    /** Per-attempt timeout. @default 10000 */
    timeout: durationMs().default(10_000),
    /** Default limit of every destination. @default none */
    rateLimit: RateLimitConfig.optional(),
    /** Circuit breaker of every destination. @default {} */
    circuitBreaker: CircuitBreakerConfig.prefault({}),
    /** Max notifications waiting per destination. @default 1000 */
    maxQueueSize: z.number().int().positive().default(1_000),
    /** JSON-lines outbox of pending notifications. @default none */
    outboxPath: z.string().min(1).optional(),
    /** JSON-lines file of undeliverable notifications. @default none */
    deadLetterPath: z.string().min(1).optional(),
    /** Link back to this service in notifications. @default '' */
    externalURL: z.string().default(''),
    /**
     * Time after which a firing alert sent without `endsAt` resolves on its
     * own unless it is sent again, like Alertmanager's `resolve_timeout`.
     * An alert with `endsAt` resolves at that time. 0 keeps alerts without
     * `endsAt` firing until they are sent as resolved. @default 300000
     */
    resolveTimeout: durationMs().default(300_000),
    /**
     * Minimum time between two posts of one group to a destination that
     * mirrors alert state (`mirrorsState`), like Prometheus'
     * `--rules.alert.resend-delay` (default 1m). 0 posts after every
     * re-send. @default 60000
     */
    mirrorInterval: durationMs().default(60_000),
    /** Resolved alerts kept for `listAlerts()`. @default 100 */
    maxResolvedAlerts: z.number().int().nonnegative().default(100),
  })
  .strict();

/**
 * Input type of `AlertingConfig`: the options a user may pass, before defaults.
 */
export type AlertingConfigInput = z.input<typeof AlertingConfig>;
/** Alerting options after defaults are applied. */
export type AlertingConfigOutput = z.output<typeof AlertingConfig>;
