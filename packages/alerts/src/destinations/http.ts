import { parseRetryAfter } from '../delivery/backoff.js';
import { DeliveryError } from '../errors.js';

/** Request to post a JSON body. */
export interface PostJsonRequest {
  /** Destination name, used in error messages instead of the URL. */
  destination: string;
  /** Target URL; never printed, because it may carry a token. */
  url: string;
  /** Serialized JSON body. */
  body: string;
  /** Extra headers. */
  headers?: Record<string, string>;
  /** Signal of the delivery attempt. */
  signal: AbortSignal;
}

const RETRYABLE_STATUS = new Set([408, 425, 429]);

/**
 * POSTs a JSON body and resolves on a 2xx response. Throws `DeliveryError`
 * otherwise: retryable for network errors, 408, 425, 429 and 5xx, with the
 * `Retry-After` of a 429 or 503 attached; not retryable for other 4xx.
 */
export async function postJson(request: PostJsonRequest): Promise<void> {
  let response: Response;
  try {
    response = await fetch(request.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'mm-orch-alerts',
        ...request.headers,
      },
      body: request.body,
      signal: request.signal,
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } })
      .cause;
    const detail = cause?.code ?? cause?.message ?? (error as Error).message;
    throw new DeliveryError(
      `${request.destination}: request failed (${detail})`,
      { cause: error },
    );
  }

  const text = await response.text().catch(() => '');
  if (response.ok) {
    return;
  }

  const status = response.status;
  const retryAfterMs =
    status === 429 || status === 503
      ? parseRetryAfter(response.headers.get('retry-after'), Date.now())
      : undefined;
  throw new DeliveryError(
    `${request.destination}: HTTP ${status} ${text.slice(0, 200)}`.trimEnd(),
    {
      status,
      retryable: status >= 500 || RETRYABLE_STATUS.has(status),
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    },
  );
}
