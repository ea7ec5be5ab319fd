/** Kind of a failed span export, used to count and log failures apart. */
export type ExportFailureKind =
  | 'connection-refused'
  | 'network-error'
  | 'http-error'
  | 'timeout'
  | 'exporter-threw'
  | 'other';

/** Every `ExportFailureKind`, in the order `getStatus()` lists them. */
export const EXPORT_FAILURE_KINDS: readonly ExportFailureKind[] = [
  'connection-refused',
  'network-error',
  'http-error',
  'timeout',
  'exporter-threw',
  'other',
];

/** Error passed to the export callback when the exporter never called back. */
export class ExportTimeoutError extends Error {
  constructor(timeoutMs: number) {
    super(`span export did not finish within ${timeoutMs} ms`);
    this.name = 'ExportTimeoutError';
  }
}

function errorCode(error: unknown): unknown {
  if (error === null || typeof error !== 'object') {
    return undefined;
  }
  return (error as { code?: unknown }).code;
}

/**
 * Classifies an export error by the fields that Node's `http` module and
 * the OTLP exporter (0.223) set: a string `code` for socket errors, a
 * numeric `code` with the HTTP status for rejected requests.
 */
export function classifyExportError(error: unknown): ExportFailureKind {
  if (error instanceof ExportTimeoutError) {
    return 'timeout';
  }

  const code = errorCode(error);
  if (code === 'ECONNREFUSED') {
    return 'connection-refused';
  }
  if (code === 'ETIMEDOUT') {
    return 'timeout';
  }
  if (typeof code === 'string' && code.startsWith('E')) {
    return 'network-error';
  }
  if (typeof code === 'number') {
    return 'http-error';
  }

  const message = error instanceof Error ? error.message : '';
  if (message === 'Request timed out') {
    return 'timeout';
  }
  // The OTLP exporter reports 429, 502, 503 and 504 after its retries
  // with this message and no status code.
  if (message.includes('retryable status')) {
    return 'http-error';
  }
  return 'other';
}

/** Formats an export error for logs and status, without any header value. */
export function describeExportError(error: unknown): string {
  if (!(error instanceof Error)) {
    return String(error);
  }

  const code = errorCode(error);
  if (typeof code === 'number') {
    return `HTTP ${code}: ${error.message}`;
  }
  if (typeof code === 'string' && !error.message.includes(code)) {
    return `${code}: ${error.message}`;
  }
  return error.message;
}
