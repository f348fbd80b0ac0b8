import type { Token } from './tokens.js';

/** Token indices [from, to) of a stretch between sentence breaks; clause breaks stay inside. */
export interface Sentence {
  readonly from: number;
  readonly to: number;
}

/**
 * Sentences are the reach of a call: frames, gaps and coordination never cross a sentence break
 * (. ! ? ; : line break …). Commas and dashes only start a new clause inside a sentence, so that
 * "If you can, donate" starts a clause at donate while "like, share or comment" stays one chain.
 */
export function splitSentences(tokens: readonly Token[]): Sentence[] {
  const sentences: Sentence[] = [];
  let from = 0;
  tokens.forEach((token, i) => {
    if (token.kind !== 'sentence-break') return;
    if (i > from) sentences.push({ from, to: i });
    from = i + 1;
  });
  if (tokens.length > from) sentences.push({ from, to: tokens.length });
  return sentences;
}
