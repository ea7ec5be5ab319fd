import { z } from 'zod';
import type { ConfigProblem, ConfigProblemCode } from './config-error.js';
import { describeExpected } from './describe-expected.js';
import { describeValue } from './describe-value.js';
import { REDACTED } from './redact-config.js';
import {
  type AnySchema,
  declaredKeys,
  readPath,
  schemasAtPath,
} from './schema-walk.js';
import { suggestName } from './suggest-name.js';

/**
 * Message that `parseConfig` passes to zod as the per-parse error map, so
 * issues whose schema sets no message of their own are formatted here.
 */
export const DEFAULT_MESSAGE = '\u0000mm-orch-default';

type Issue = z.core.$ZodIssue;
type Path = (string | number)[];

/** Context that turns zod issues into problems for one parse. */
export interface IssueContext {
  schema: AnySchema;
  input: unknown;
}

/**
 * Turns zod issues into problems: one per unknown key, the closest union
 * option's issues for a failed union, and secrets shown as `[redacted]`.
 */
export function issuesToProblems(
  issues: readonly Issue[],
  context: IssueContext,
  prefix: Path = [],
): ConfigProblem[] {
  return issues.flatMap((issue) => issueToProblems(issue, context, prefix));
}

function issueToProblems(
  issue: Issue,
  context: IssueContext,
  prefix: Path,
): ConfigProblem[] {
  const path = [...prefix, ...(issue.path as Path)];

  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => unknownKeyProblem(path, key, context));
    case 'invalid_union':
      return unionProblems(issue, path, context);
    case 'invalid_key':
      return issue.issues.map((keyIssue) =>
        keyProblem(keyIssue, path, context),
      );
    case 'invalid_element':
      return issuesToProblems(issue.issues, context, path);
    default:
      return [problem(issue, path, context)];
  }
}

function keyProblem(
  issue: Issue,
  path: Path,
  context: IssueContext,
): ConfigProblem {
  const found = problem(issue, path, context, path.at(-1));
  return { ...found, message: `invalid key, ${found.message}` };
}

function problem(
  issue: Issue,
  path: Path,
  context: IssueContext,
  input: unknown = receivedInput(issue, path, context),
): ConfigProblem {
  const code = problemCode(issue);
  const hasInput = input !== MISSING;
  const received = hasInput
    ? describeReceived(input, path, context)
    : undefined;

  if (!isDefaultMessage(issue)) {
    return customProblem(issue, path, code, input, received);
  }

  const expected = describeExpected(issue);
  if (!hasInput) {
    return {
      code,
      path,
      expected,
      message: `missing required value, expected ${expected}`,
    };
  }

  let message = `expected ${expected}, received ${received}`;
  const hint = valueHint(issue, input);
  if (hint) {
    message += `, did you mean ${JSON.stringify(hint)}?`;
  }
  return { code, path, expected, received, message };
}

// An issue carries zod's own message when no schema set one. That is the
// marker from parseConfig, or the locale's text when a schema ran a nested
// parse of its own.
function isDefaultMessage(issue: Issue): boolean {
  if (issue.message === DEFAULT_MESSAGE) {
    return true;
  }
  const fallback = z.config().localeError?.(issue as never);
  const text = typeof fallback === 'string' ? fallback : fallback?.message;
  return text === issue.message;
}

// A custom issue may set `params.expected` to be formatted like zod's own
// issues, and `params.values` (strings) for a "did you mean" hint.
function customProblem(
  issue: Issue,
  path: Path,
  code: ConfigProblemCode,
  input: unknown,
  received: string | undefined,
): ConfigProblem {
  const params = issue.code === 'custom' ? issue.params : undefined;
  const expected =
    typeof params?.expected === 'string' ? params.expected : undefined;
  if (expected !== undefined && received !== undefined) {
    let message = `expected ${expected}, received ${received}`;
    const values = Array.isArray(params?.values) ? params.values : [];
    const hint =
      typeof input === 'string'
        ? suggestName(
            input,
            values.filter((v): v is string => typeof v === 'string'),
          )
        : undefined;
    if (hint) {
      message += `, did you mean ${JSON.stringify(hint)}?`;
    }
    return { code, path, expected, received, message };
  }

  const appendReceived =
    received !== undefined && !issue.message.includes('received');
  const message = appendReceived
    ? `${issue.message}, received ${received}`
    : issue.message;
  return { code, path, received, message };
}

/**
 * Builds the problem for a key that the schema at `parent` does not
 * declare, with a "did you mean" for a near miss.
 */
export function unknownKeyProblem(
  parent: Path,
  key: string,
  context: IssueContext,
): ConfigProblem {
  const { schemas } = schemasAtPath(context.schema, context.input, parent);
  const container = readPath(context.input, parent);
  const known = declaredKeys(schemas, 'input', container);
  const suggestion = suggestName(key, known);
  const expected =
    known.length > 0 ? `one of ${known.join(', ')}` : 'no other keys';
  const message = suggestion
    ? `unknown key, did you mean ${JSON.stringify(suggestion)}?`
    : `unknown key, expected ${expected}`;
  return {
    code: 'unknown_key',
    path: [...parent, key],
    expected,
    received: JSON.stringify(key),
    message,
  };
}

function unionProblems(
  issue: z.core.$ZodIssueInvalidUnion,
  path: Path,
  context: IssueContext,
): ConfigProblem[] {
  if (!isDefaultMessage(issue) || issue.errors.length === 0) {
    return [problem(issue, path, context)];
  }

  const branches = issue.errors;
  const mismatched = branches.filter(isTopLevelMismatch);
  if (mismatched.length === branches.length) {
    return [unionTypeProblem(branches, path, context)];
  }

  // Options that got past the type check are closer to what the user meant,
  // and the one with the fewest issues is the closest of them.
  const closest = branches
    .filter((branch) => !isTopLevelMismatch(branch))
    .sort((a, b) => a.length - b.length)[0]!;
  return issuesToProblems(closest, context, path);
}

function unionTypeProblem(
  branches: readonly (readonly Issue[])[],
  path: Path,
  context: IssueContext,
): ConfigProblem {
  const expectedTypes = new Set<string>();
  for (const branch of branches) {
    for (const issue of branch) {
      expectedTypes.add(describeExpected(issue));
    }
  }
  const expected = [...expectedTypes].join(' or ');
  const input = readPath(context.input, path);
  const received = describeReceived(input, path, context);
  return {
    code: 'invalid_type',
    path,
    expected,
    received,
    message: `expected ${expected}, received ${received}`,
  };
}

function isTopLevelMismatch(branch: readonly Issue[]): boolean {
  return branch.every(
    (issue) =>
      issue.path.length === 0 &&
      (issue.code === 'invalid_type' || issue.code === 'invalid_value'),
  );
}

function problemCode(issue: Issue): ConfigProblemCode {
  switch (issue.code) {
    case 'invalid_type':
      return 'invalid_type';
    case 'too_big':
    case 'too_small':
    case 'not_multiple_of':
      return 'out_of_range';
    case 'invalid_format':
      return 'invalid_format';
    case 'invalid_value':
    case 'invalid_union':
      return 'invalid_value';
    default:
      return 'custom';
  }
}

function valueHint(issue: Issue, input: unknown): string | undefined {
  if (typeof input !== 'string') {
    return undefined;
  }
  let options: readonly unknown[] = [];
  if (issue.code === 'invalid_value') {
    options = issue.values;
  } else if (issue.code === 'invalid_union' && 'options' in issue) {
    options = issue.options ?? [];
  }
  const names = options.filter((v): v is string => typeof v === 'string');
  return suggestName(input, names);
}

function describeReceived(
  value: unknown,
  path: Path,
  context: IssueContext,
): string {
  const { secret } = schemasAtPath(context.schema, context.input, path);
  return secret ? REDACTED : describeValue(value);
}

const MISSING = Symbol('missing');

// Prefers the value the user wrote at the path. A schema that re-runs a
// nested parse in a transform reports the whole object as `input`, so the
// issue's own input is used only where the path is not in the user's input.
function receivedInput(
  issue: Issue,
  path: Path,
  context: IssueContext,
): unknown {
  const parent =
    path.length > 0 ? readPath(context.input, path.slice(0, -1)) : undefined;
  const key = path.at(-1);
  if (key !== undefined && parent !== null && typeof parent === 'object') {
    return Object.hasOwn(parent, key)
      ? (parent as Record<PropertyKey, unknown>)[key]
      : MISSING;
  }
  if (path.length === 0) {
    return context.input;
  }
  return 'input' in issue ? issue.input : MISSING;
}
