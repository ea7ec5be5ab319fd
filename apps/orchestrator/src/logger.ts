import type { Logger } from '@mm-orch/config';
import { destination, pino } from 'pino';

/** Paths that pino replaces with "[redacted]" in every log line. */
const REDACT_PATHS = [
  'apiKey',
  '*.apiKey',
  'token',
  '*.token',
  'authorization',
  'headers.authorization',
  'req.headers.authorization',
];

/**
 * Creates the app's pino logger, writing JSON lines to stderr.
 * @param level minimum level written. @default 'warn'
 */
export function createLogger(level = 'warn'): Logger & { level: string } {
  return pino(
    {
      name: 'mm-orch',
      level,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    },
    destination(2),
  );
}
