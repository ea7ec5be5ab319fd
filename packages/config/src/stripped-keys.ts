import type { z } from 'zod';
import {
  type AnySchema,
  childSchemas,
  isPlainObject,
  unwrapSchema,
} from './schema-walk.js';

/**
 * Finds keys that a plain `z.object()` would silently drop: zod strips
 * unknown keys unless an object is strict, and an unknown key here is an
 * error. Objects built with `z.looseObject()` or a catchall keep theirs.
 * Returns the path of each such key.
 */
export function findStrippedKeys(
  schema: AnySchema,
  input: unknown,
): (string | number)[][] {
  const found: (string | number)[][] = [];
  visit([schema], input, [], found);
  return found;
}

function visit(
  schemas: AnySchema[],
  value: unknown,
  path: (string | number)[],
  found: (string | number)[][],
): void {
  if (schemas.length === 0) {
    return;
  }

  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      const children = schemas.flatMap((s) =>
        childSchemas(s, index, 'input', value),
      );
      visit(children, item, [...path, index], found);
    });
    return;
  }
  if (!isPlainObject(value)) {
    return;
  }

  const stripping = schemas.every((s) => isStrippingObject(s, value));
  for (const [key, child] of Object.entries(value)) {
    const children = schemas.flatMap((s) =>
      childSchemas(s, key, 'input', value),
    );
    if (children.length === 0 && stripping) {
      found.push([...path, key]);
    }
    visit(children, child, [...path, key], found);
  }
}

// Tells whether every object that `schema` may stand for strips unknown
// keys. Unions count when all their options do.
function isStrippingObject(schema: AnySchema, value: unknown): boolean {
  const { base } = unwrapSchema(schema, 'input', value);
  const def = base._zod.def;
  if (def.type === 'object') {
    return def.catchall === undefined;
  }
  if (def.type === 'union') {
    return (base as z.core.$ZodUnion)._zod.def.options.every((option) =>
      isStrippingObject(option, value),
    );
  }
  if (def.type === 'intersection') {
    return (
      isStrippingObject(def.left, value) && isStrippingObject(def.right, value)
    );
  }
  return false;
}
