import type { z } from 'zod';

const TYPE_NAMES: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'an integer',
  bigint: 'a bigint',
  boolean: 'a boolean',
  object: 'an object',
  record: 'an object',
  array: 'an array',
  tuple: 'an array',
  date: 'a date',
  map: 'a map',
  set: 'a set',
  null: 'null',
  undefined: 'no value',
  never: 'no value',
  nonoptional: 'a value',
  function: 'a function',
};

const FORMAT_NAMES: Record<string, string> = {
  url: 'a URL',
  email: 'an email address',
  uuid: 'a UUID',
  guid: 'a GUID',
  ipv4: 'an IPv4 address',
  ipv6: 'an IPv6 address',
  cidrv4: 'an IPv4 CIDR range',
  cidrv6: 'an IPv6 CIDR range',
  datetime: 'an ISO 8601 date-time',
  date: 'an ISO 8601 date',
  time: 'an ISO 8601 time',
  duration: 'an ISO 8601 duration',
  hostname: 'a hostname',
  base64: 'a base64 string',
  jwt: 'a JSON Web Token',
};

/** Describes a zod type name, such as `int`, in words: `an integer`. */
export function describeType(type: string): string {
  return TYPE_NAMES[type] ?? `a ${type}`;
}

/** Describes what a zod issue expected, such as `a number <= 65535`. */
export function describeExpected(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return describeType(issue.expected);
    case 'too_big':
      return describeBound(issue.origin, '<', issue.maximum, issue);
    case 'too_small':
      return describeBound(issue.origin, '>', issue.minimum, issue);
    case 'not_multiple_of':
      return `a multiple of ${issue.divisor}`;
    case 'invalid_format':
      return describeFormat(issue);
    case 'invalid_value':
      return describeValues(issue.values);
    case 'invalid_union': {
      const options = 'options' in issue ? issue.options : undefined;
      return options ? describeValues(options) : 'a valid option';
    }
    default:
      return 'a valid value';
  }
}

function describeBound(
  origin: string,
  direction: '<' | '>',
  limit: number | bigint,
  issue: { inclusive?: boolean; exact?: boolean },
): string {
  const unit = sizeUnit(origin);
  if (unit === undefined) {
    const operator = issue.inclusive ? `${direction}=` : direction;
    return `a number ${operator} ${limit}`;
  }

  const amount = issue.exact
    ? 'exactly'
    : direction === '<'
      ? 'at most'
      : 'at least';
  const bound =
    issue.inclusive || issue.exact ? limit : exclusive(limit, direction);
  const units = Number(bound) === 1 ? unit.slice(0, -1) : unit;
  return `${amount} ${bound} ${units}`;
}

function exclusive(limit: number | bigint, direction: '<' | '>') {
  if (typeof limit === 'bigint') {
    return direction === '<' ? limit - 1n : limit + 1n;
  }
  return direction === '<' ? limit - 1 : limit + 1;
}

function sizeUnit(origin: string): string | undefined {
  switch (origin) {
    case 'string':
      return 'characters';
    case 'array':
    case 'set':
      return 'items';
    case 'file':
      return 'bytes';
    default:
      return undefined;
  }
}

function describeFormat(issue: z.core.$ZodIssueInvalidStringFormat): string {
  const details = issue as z.core.$ZodIssueInvalidStringFormat & {
    prefix?: string;
    suffix?: string;
    includes?: string;
  };
  switch (issue.format) {
    case 'regex':
      return `a string matching ${issue.pattern}`;
    case 'starts_with':
      return `a string starting with ${JSON.stringify(details.prefix)}`;
    case 'ends_with':
      return `a string ending with ${JSON.stringify(details.suffix)}`;
    case 'includes':
      return `a string containing ${JSON.stringify(details.includes)}`;
    default:
      return FORMAT_NAMES[issue.format] ?? `a valid ${issue.format}`;
  }
}

function describeValues(values: readonly unknown[]): string {
  const shown = values.map((value) =>
    typeof value === 'bigint' ? `${value}n` : JSON.stringify(value),
  );
  return shown.length === 1 ? shown[0]! : `one of ${shown.join(', ')}`;
}
