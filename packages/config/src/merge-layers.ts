import { isPlainObject } from './schema-walk.js';

/**
 * Arrays built from index segments such as `DESTINATIONS__0__URL`. They
 * patch the array from the file item by item rather than replace it.
 */
export const indexPatches = new WeakSet<unknown[]>();

/**
 * Merges `override` over `base`: objects key by key, arrays built from
 * environment index segments item by item, anything else replaced.
 * `undefined` in `override` keeps the base value. Neither input changes.
 */
export function mergeLayers(base: unknown, override: unknown): unknown {
  if (override === undefined) {
    return base;
  }
  if (Array.isArray(override) && indexPatches.has(override)) {
    return mergeIndexPatch(base, override);
  }
  if (!isPlainObject(override) || !isPlainObject(base)) {
    return override;
  }

  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) {
    merged[key] = mergeLayers(base[key], value);
  }
  return merged;
}

function mergeIndexPatch(base: unknown, patch: unknown[]): unknown[] {
  const merged = Array.isArray(base) ? [...base] : [];
  patch.forEach((value, index) => {
    merged[index] = mergeLayers(merged[index], value);
  });
  return merged;
}
