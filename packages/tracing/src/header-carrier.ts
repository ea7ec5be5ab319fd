import type { TextMapGetter, TextMapSetter } from '@opentelemetry/api';
import {
  CompositePropagator,
  W3CBaggagePropagator,
  W3CTraceContextPropagator,
} from '@opentelemetry/core';

/** Headers in the shape of a fetch `Headers` object. */
export interface HeadersLike {
  get(name: string): string | null;
  set(name: string, value: string): void;
}

/**
 * Carrier of trace headers: Node's `IncomingHttpHeaders` or
 * `OutgoingHttpHeaders`-style plain object, or a fetch `Headers` object.
 */
export type HeaderCarrier =
  | Record<string, string | string[] | number | undefined>
  | HeadersLike;

function isHeadersLike(carrier: HeaderCarrier): carrier is HeadersLike {
  return (
    typeof (carrier as HeadersLike).get === 'function' &&
    typeof (carrier as HeadersLike).set === 'function'
  );
}

type PlainHeaders = Record<string, string | string[] | number | undefined>;

function readPlain(headers: PlainHeaders, key: string) {
  const exact = headers[key];
  if (exact !== undefined) {
    return exact;
  }

  // Node lower-cases incoming header names, but a hand-built object may not.
  for (const name of Object.keys(headers)) {
    if (name.toLowerCase() === key) {
      return headers[name];
    }
  }
  return undefined;
}

/** Reads trace headers from any `HeaderCarrier`, case-insensitively. */
export const headerGetter: TextMapGetter<HeaderCarrier> = {
  keys(carrier) {
    if (isHeadersLike(carrier)) {
      return [];
    }
    return Object.keys(carrier);
  },
  get(carrier, key) {
    if (isHeadersLike(carrier)) {
      return carrier.get(key) ?? undefined;
    }

    const value = readPlain(carrier, key);
    if (typeof value === 'number') {
      return String(value);
    }
    return value;
  },
};

/** Writes trace headers into any `HeaderCarrier`. */
export const headerSetter: TextMapSetter<HeaderCarrier> = {
  set(carrier, key, value) {
    if (isHeadersLike(carrier)) {
      carrier.set(key, value);
      return;
    }
    carrier[key] = value;
  },
};

/**
 * Builds the propagator of W3C `traceparent`, `tracestate` and `baggage`
 * headers that each tracer uses for `extract()` and `inject()`.
 */
export function createW3CPropagator(): CompositePropagator {
  return new CompositePropagator({
    propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()],
  });
}
