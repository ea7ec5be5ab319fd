import type { Logger } from '@mm-orch/config';

/** One call to a `RecordingLogger` method. */
export interface LogEntry {
  level: 'debug' | 'info' | 'warn' | 'error';
  fields: unknown;
  message?: string;
}

/** Logger that stores every call, for asserting on what was logged. */
export function createRecordingLogger(): Logger & { entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  const at =
    (level: LogEntry['level']) => (fields: unknown, message?: string) => {
      entries.push({ level, fields, message });
    };
  return {
    entries,
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
  };
}
