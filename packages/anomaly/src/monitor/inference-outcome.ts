import type { InferenceRecord } from './monitor-types.js';

/** Returns whether an inference record describes a failed request. */
export function isFailure(record: InferenceRecord): boolean {
  if (typeof record.ok === 'boolean') {
    return !record.ok;
  }
  const status = record.status;
  if (typeof status === 'number') {
    return status >= 500;
  }
  if (typeof status === 'string') {
    return status !== 'ok' && status !== 'success';
  }
  return false;
}
