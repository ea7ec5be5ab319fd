/** Fetches the Prometheus text exposition from a scrape URL. */
export async function scrape(url: string): Promise<string> {
  const response = await fetch(url);
  return response.text();
}

/**
 * Returns the value of the sample `name{labels}` in exposition text, or
 * undefined. Only the given labels are compared; others may be present.
 */
export function sampleValue(
  text: string,
  name: string,
  labels: Record<string, string> = {},
): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) {
      continue;
    }
    const matches = Object.entries(labels).every(([key, value]) =>
      line.includes(`${key}="${value}"`),
    );
    if (matches) {
      const value = line.split(' ').at(-1) ?? '';
      return Number(value);
    }
  }
  return undefined;
}
