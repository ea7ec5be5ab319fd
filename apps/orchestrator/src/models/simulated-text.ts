const WORDS = [
  'the',
  'model',
  'returns',
  'a',
  'short',
  'answer',
  'about',
  'inference',
  'latency',
  'tokens',
  'batch',
  'queue',
  'request',
  'server',
  'and',
  'with',
  'for',
  'of',
  'data',
  'metric',
  'trace',
  'alert',
  'value',
  'result',
];

/** Hashes a string to a 32-bit unsigned integer (FNV-1a). */
export function hashText(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * Returns the `index`-th output token that the simulator produces for a
 * prompt, so equal prompts always give equal text.
 */
export function simulatedToken(seed: number, index: number): string {
  const mixed = Math.imul(seed ^ (index * 0x9e3779b1), 0x85ebca6b) >>> 0;
  const word = WORDS[mixed % WORDS.length];
  return index === 0 ? `${word}` : ` ${word}`;
}
