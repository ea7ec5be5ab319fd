/** Stable codes of the errors raised while reading a trace file. */
export type TraceErrorCode =
  | 'TRACE_NOT_FOUND'
  | 'TRACE_UNREADABLE'
  | 'TRACE_EMPTY'
  | 'TRACE_MALFORMED';

/** Error raised for a missing, unreadable or malformed trace file. */
export class TraceError extends Error {
  /** Stable uppercase code that callers can branch on. */
  readonly code: TraceErrorCode;

  constructor(code: TraceErrorCode, message: string) {
    super(message);
    this.name = 'TraceError';
    this.code = code;
  }
}
