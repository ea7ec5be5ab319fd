// Short, common English words, each about one token for the usual BPE
// tokenizers, so a prompt of N words is about N tokens long.
const WORDS = (
  'the of and to in is it you that he was for on are as with his they at be ' +
  'this have from or one had by word but not what all were we when your can ' +
  'said there use an each which she do how their if will up other about out ' +
  'many then them these so some her would make like him into time has look'
).split(' ');

/** Maximum prompt length in words that `syntheticPrompt` can produce. */
export const MAX_PROMPT_WORDS = 16_384;

let corpus: { text: string; starts: Uint32Array } | undefined;

/**
 * Builds a prompt of about `tokens` tokens for request `index`. The text is
 * a window of a fixed pseudo-random word sequence that starts at a place
 * derived from `index`, behind a prefix with the index itself. Two requests
 * of one replay therefore never send the same prompt, and a response cache
 * gets no hits.
 * NOTE: the traces carry no prompt text, so real repeats are unknown and a
 * cache hit rate of 0% is by construction.
 */
export function syntheticPrompt(tokens: number, index: number): string {
  const { text, starts } = getCorpus();
  const words = Math.max(1, Math.min(Math.round(tokens), MAX_PROMPT_WORDS));
  const first = (index * 7_919) % MAX_PROMPT_WORDS;
  const body = text.slice(starts[first], starts[first + words]! - 1);
  return `Request ${index}: ${body}`;
}

// The corpus contains twice the maximum length, so every window of up to
// MAX_PROMPT_WORDS words fits without wrapping around. `starts[i]` is the
// character offset of word i.
function getCorpus(): { text: string; starts: Uint32Array } {
  if (corpus) {
    return corpus;
  }

  const count = MAX_PROMPT_WORDS * 2;
  const words: string[] = [];
  const starts = new Uint32Array(count + 1);
  let state = 12_345;
  let offset = 0;
  for (let i = 0; i < count; i++) {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    const word = WORDS[state % WORDS.length]!;
    starts[i] = offset;
    words.push(word);
    offset += word.length + 1;
  }
  starts[count] = offset;

  corpus = { text: `${words.join(' ')} `, starts };
  return corpus;
}
