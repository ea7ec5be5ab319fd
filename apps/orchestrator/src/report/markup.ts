import { escapeHtml } from './escape-html.js';

/** Attribute values of one element; `undefined` leaves the attribute out. */
export type Attributes = Record<string, string | number | undefined>;

/**
 * Builds the markup of one HTML or SVG element with escaped attribute
 * values. `children` is inserted as it is, so text must be escaped by the
 * caller. Without children the element is self-closing, as SVG allows.
 */
export function element(
  name: string,
  attributes: Attributes = {},
  children?: string,
): string {
  const attributeText = Object.entries(attributes)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => ` ${key}="${escapeHtml(String(value))}"`)
    .join('');
  if (children === undefined) {
    return `<${name}${attributeText}/>`;
  }
  return `<${name}${attributeText}>${children}</${name}>`;
}

/** Builds an element whose only child is `text`, escaped. */
export function textElement(
  name: string,
  attributes: Attributes,
  text: string,
): string {
  return element(name, attributes, escapeHtml(text));
}
