import type { SilenceInput } from '@mm-orch/alerts';
import { InferenceError } from '../errors.js';

/** Matcher in the object form of Alertmanager's v2 API. */
interface MatcherObject {
  name: string;
  value: string;
  isRegex?: boolean;
  isEqual?: boolean;
}

function invalid(message: string): InferenceError {
  return new InferenceError(400, 'INVALID_SILENCE', message);
}

function isMatcherObject(value: unknown): value is MatcherObject {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const { name, value: text, isRegex, isEqual } = value as MatcherObject;
  return (
    typeof name === 'string' &&
    typeof text === 'string' &&
    (isRegex === undefined || typeof isRegex === 'boolean') &&
    (isEqual === undefined || typeof isEqual === 'boolean')
  );
}

function formatMatcher(matcher: MatcherObject): string {
  const equal = matcher.isEqual !== false;
  let operator = equal ? '=' : '!=';
  if (matcher.isRegex) {
    operator = equal ? '=~' : '!~';
  }
  return `${matcher.name}${operator}${JSON.stringify(matcher.value)}`;
}

function toMatcherText(entry: unknown): string {
  if (typeof entry === 'string') {
    return entry;
  }
  if (isMatcherObject(entry)) {
    return formatMatcher(entry);
  }
  throw invalid(
    `matcher ${JSON.stringify(entry)} is invalid; send 'name="value"' or ` +
      '{ "name", "value", "isRegex", "isEqual" } as in Alertmanager',
  );
}

/**
 * Checks the body of `POST /alerts/silences` and converts matchers given as
 * Alertmanager v2 objects to the text syntax that the router parses.
 */
export function parseSilenceRequest(body: unknown): SilenceInput {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw invalid('silence body must be a JSON object');
  }
  const { matchers, startsAt, endsAt, createdBy, comment } = body as Record<
    string,
    unknown
  >;
  if (typeof matchers !== 'string' && !Array.isArray(matchers)) {
    throw invalid(
      '"matchers" is missing; send a list such as ["model=\\"code\\""]',
    );
  }
  for (const [field, value] of Object.entries({ startsAt, endsAt })) {
    const isTime = typeof value === 'string' || typeof value === 'number';
    if (!(isTime || (field === 'startsAt' && value === undefined))) {
      throw invalid(
        `"${field}" must be an ISO 8601 time or epoch milliseconds, ` +
          `received ${JSON.stringify(value) ?? 'nothing'}`,
      );
    }
  }
  for (const [field, value] of Object.entries({ createdBy, comment })) {
    if (value !== undefined && typeof value !== 'string') {
      throw invalid(`"${field}" must be a string`);
    }
  }

  return {
    matchers: Array.isArray(matchers) ? matchers.map(toMatcherText) : matchers,
    endsAt: endsAt as string | number,
    ...(startsAt === undefined
      ? {}
      : { startsAt: startsAt as string | number }),
    ...(createdBy === undefined ? {} : { createdBy: createdBy as string }),
    ...(comment === undefined ? {} : { comment: comment as string }),
  };
}
