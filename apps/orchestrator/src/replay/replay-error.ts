/** Stable codes of the errors raised before or while replaying a trace. */
export type ReplayErrorCode = 'INVALID_ARGUMENT' | 'TARGET_UNREACHABLE';

/** Error raised for an invalid replay option or an unreachable target. */
export class ReplayError extends Error {
  /** Stable uppercase code that callers can branch on. */
  readonly code: ReplayErrorCode;

  constructor(code: ReplayErrorCode, message: string) {
    super(message);
    this.name = 'ReplayError';
    this.code = code;
  }
}
