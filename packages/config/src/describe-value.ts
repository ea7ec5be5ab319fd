const MAX_STRING_LENGTH = 60;

/**
 * Describes a received value for an error message: strings quoted and cut
 * at 60 characters, containers by their kind and size.
 */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') {
    const quoted = JSON.stringify(value);
    if (quoted.length <= MAX_STRING_LENGTH) {
      return quoted;
    }
    const shown = quoted.slice(0, MAX_STRING_LENGTH - 1);
    return `${shown}…" (${value.length} characters)`;
  }
  if (Array.isArray(value)) {
    const noun = value.length === 1 ? 'item' : 'items';
    return `an array of ${value.length} ${noun}`;
  }
  if (typeof value === 'function') {
    return 'a function';
  }
  if (value !== null && typeof value === 'object') {
    const name = Object.getPrototypeOf(value)?.constructor?.name;
    return name && name !== 'Object' ? `a ${name}` : 'an object';
  }
  if (typeof value === 'bigint') {
    return `${value}n`;
  }
  return String(value);
}
