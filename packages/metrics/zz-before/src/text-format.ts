/** Content type of the Prometheus text format 0.0.4. */
export const PROMETHEUS_CONTENT_TYPE =
  'text/plain; version=0.0.4; charset=utf-8';
/** Content type of the OpenMetrics 1.0 text format. */
export const OPENMETRICS_CONTENT_TYPE =
  'application/openmetrics-text; version=1.0.0; charset=utf-8';

/** Escapes a HELP text or metric name the way prom-client 15 does. */
export function escapeHelp(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

/** Escapes a label value: backslash, newline and double quote. */
export function escapeLabelValue(value: string): string {
  return escapeHelp(value).replace(/"/g, '\\"');
}

/** Renders a sample value the way prom-client 15 does. */
export function formatValue(value: number): string {
  if (Number.isNaN(value)) {
    return 'NaN';
  }
  if (value === Number.POSITIVE_INFINITY) {
    return '+Inf';
  }
  if (value === Number.NEGATIVE_INFINITY) {
    return '-Inf';
  }
  return `${value}`;
}

/** Renders label pairs as `a="x",b="y"`, skipping names in `skip`. */
export function formatLabelPairs(
  names: readonly string[],
  values: readonly string[],
  skip?: ReadonlySet<string>,
): string {
  let text = '';
  for (let i = 0; i < names.length; i++) {
    const name = names[i] as string;
    if (skip?.has(name)) {
      continue;
    }
    const pair = `${name}="${escapeLabelValue(values[i] as string)}"`;
    text = text === '' ? pair : `${text},${pair}`;
  }
  return text;
}

/** Joins label texts that may be empty, with commas and braces. */
export function braces(...parts: string[]): string {
  let text = '';
  for (const part of parts) {
    if (part !== '') {
      text = text === '' ? part : `${text},${part}`;
    }
  }
  return text === '' ? '' : `{${text}}`;
}
