import type { Post } from '../types/contracts.js';
import type { CueMatch } from './cue-match.js';
import { normaliseLink } from './links.js';
import type { Sentence } from './sentences.js';
import type { Token } from './tokens.js';

/**
 * What the calls of a post point at, for alliances and networks: the post's links (those in its
 * link field and its text) and the #hashtags and @mentions of the sentences with a counted match.
 * A sentence of hashtags, mentions or links alone belongs to the sentence next to it, as in
 * "Sign the petition! #SaveTheBees". Lower-case, sorted, unique.
 */
export function findTargets(post: Post, tokens: readonly Token[], sentences: readonly Sentence[], matches: readonly CueMatch[]): string[] {
  const targets = new Set<string>();
  for (const link of post.links) targets.add(normaliseLink(link));
  const withCall: boolean[] = [];
  const wordless: boolean[] = [];
  for (const { from, to } of sentences) {
    let words = false;
    for (let t = from; t < to; t++) {
      const token = tokens[t]!;
      if (token.kind === 'url') targets.add(normaliseLink(token.text));
      else if (token.kind === 'word' || token.kind === 'number') words = true;
    }
    wordless.push(!words);
    withCall.push(from < to && hasMatchWithin(matches, tokens[from]!.start, tokens[to - 1]!.end));
  }
  sentences.forEach(({ from, to }, i) => {
    if (!withCall[i] && !(wordless[i] && (attachedCall(withCall, wordless, i, -1) || attachedCall(withCall, wordless, i, 1)))) return;
    for (let t = from; t < to; t++) {
      const token = tokens[t]!;
      if (token.kind === 'hashtag' || token.kind === 'mention') targets.add(token.norm);
    }
  });
  return [...targets].sort();
}

function hasMatchWithin(matches: readonly CueMatch[], start: number, end: number): boolean {
  for (const match of matches) if (match.start >= start && match.start < end) return true;
  return false;
}

/** Whether the run of wordless sentences around `i` in `direction` ends at a sentence with a call. */
function attachedCall(withCall: readonly boolean[], wordless: readonly boolean[], i: number, direction: 1 | -1): boolean {
  for (let j = i + direction; j >= 0 && j < withCall.length; j += direction) {
    if (withCall[j]) return true;
    if (!wordless[j]) return false;
  }
  return false;
}
