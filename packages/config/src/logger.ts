/**
 * Logging function of one level, called the way pino's are: an object of
 * fields with an optional message, or a message alone.
 */
export interface LogFn {
  (fields: object, message?: string): void;
  (message: string): void;
}

/**
 * Logger that every mm-orch library accepts as an option. A pino logger fits
 * it as it is. Libraries stay silent when none is given.
 */
export interface Logger {
  debug: LogFn;
  info: LogFn;
  warn: LogFn;
  error: LogFn;
}

const ignore: LogFn = () => {};

/** Logger that drops everything: the default of every library. */
export const silentLogger: Logger = {
  debug: ignore,
  info: ignore,
  warn: ignore,
  error: ignore,
};
