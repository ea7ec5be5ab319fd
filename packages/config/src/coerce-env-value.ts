import { z } from 'zod';
import { type AnySchema, unwrapSchema } from './schema-walk.js';

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const INTEGER = /^[+-]?\d+$/;
const BOOLEANS: Record<string, boolean> = {
  true: true,
  false: false,
  yes: true,
  no: false,
  on: true,
  off: false,
  '1': true,
  '0': false,
};

/**
 * Converts the text of an environment variable to the type that `schemas`
 * expect: numbers, booleans, `null`, literals, arrays (JSON or a comma
 * list) and objects (JSON). The text itself wins when a schema accepts
 * it, so a duration like `"30s"` stays a string. When no form is accepted,
 * the converted form is kept so the error shows what was read.
 */
export function coerceEnvValue(
  schemas: readonly AnySchema[],
  text: string,
): unknown {
  const candidates = uniqueValues([
    text,
    ...schemas.flatMap((schema) => convertedForms(schema, text)),
  ]);
  if (candidates.length === 1) {
    return text;
  }

  for (const candidate of candidates) {
    if (schemas.some((schema) => z.safeParse(schema, candidate).success)) {
      return candidate;
    }
  }
  return candidates[1];
}

function convertedForms(schema: AnySchema, text: string): unknown[] {
  const forms: unknown[] = text === 'null' ? [null] : [];
  const { base } = unwrapSchema(schema, 'input');
  const def = base._zod.def;
  const trimmed = text.trim();

  switch (def.type) {
    case 'number':
    case 'nan':
      return NUMBER.test(trimmed) ? [...forms, Number(trimmed)] : forms;
    case 'bigint':
      return INTEGER.test(trimmed) ? [...forms, BigInt(trimmed)] : forms;
    case 'boolean': {
      const flag = BOOLEANS[trimmed.toLowerCase()];
      return flag === undefined ? forms : [...forms, flag];
    }
    case 'literal':
    case 'enum': {
      const values =
        def.type === 'literal' ? def.values : Object.values(def.entries);
      const match = values.find(
        (value) => typeof value !== 'string' && String(value) === trimmed,
      );
      return match === undefined ? forms : [...forms, match];
    }
    case 'array':
    case 'tuple':
      return [...forms, listForm(base, trimmed)];
    case 'object':
    case 'record':
    case 'map':
    case 'intersection':
      return trimmed.startsWith('{') ? [...forms, ...jsonForm(trimmed)] : forms;
    case 'union':
      return [
        ...forms,
        ...def.options.flatMap((option) => convertedForms(option, text)),
      ];
    default:
      return forms;
  }
}

function listForm(base: z.core.$ZodTypes, text: string): unknown {
  if (text.startsWith('[')) {
    return jsonForm(text)[0] ?? text;
  }
  if (text === '') {
    return [];
  }

  const def = base._zod.def;
  return text.split(',').map((item, index) => {
    let element: AnySchema | null | undefined;
    if (def.type === 'tuple') {
      element = def.items[index] ?? def.rest;
    } else if (def.type === 'array') {
      element = def.element;
    }
    return coerceEnvValue(element ? [element] : [], item.trim());
  });
}

function jsonForm(text: string): unknown[] {
  try {
    return [JSON.parse(text)];
  } catch {
    return [];
  }
}

function uniqueValues(values: unknown[]): unknown[] {
  const seen = new Set<string>();
  return values.filter((value) => {
    const key = `${typeof value}:${JSON.stringify(value, (_k, v) =>
      typeof v === 'bigint' ? `${v}n` : v,
    )}`;
    if (seen.has(key)) {
      return false;
    }
    seen.add(key);
    return true;
  });
}
