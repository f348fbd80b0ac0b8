import { passesTest, type TokenTest } from './token-test.js';
import { isBreak, type Token } from './tokens.js';

/** Up to `max` tokens of any kind except clause and sentence breaks (`...` in a cue). */
export interface Gap {
  readonly gap: number;
}

/** A compiled cue: token tests and gaps, never starting or ending with a gap. */
export type Pattern = readonly (TokenTest | Gap)[];

export function isGap(element: TokenTest | Gap): element is Gap {
  return 'gap' in element;
}

/**
 * Index one past the last token of the pattern matched at `start`, or -1. Gaps take as few tokens
 * as they can, so "sign ... petition" stops at the first petition. Never reads at or past `limit`.
 *
 * The pattern must be one that a PatternIndex found starting at tokens[start] (every caller takes
 * its candidates from there): the index asked its first test already, so it is not asked again.
 * That was one in every few token tests of a post.
 */
export function matchPattern(pattern: Pattern, tokens: readonly Token[], start: number, limit: number): number {
  if (start >= limit) return -1;
  return matchFrom(pattern, 1, tokens, start + 1, limit);
}

function matchFrom(pattern: Pattern, element: number, tokens: readonly Token[], position: number, limit: number): number {
  if (element === pattern.length) return position;
  const current = pattern[element]!;
  if (!isGap(current)) {
    if (position >= limit || !passesTest(current, tokens[position]!)) return -1;
    return matchFrom(pattern, element + 1, tokens, position + 1, limit);
  }
  for (let skipped = 0; skipped <= current.gap; skipped++) {
    const end = matchFrom(pattern, element + 1, tokens, position + skipped, limit);
    if (end !== -1) return end;
    const next = tokens[position + skipped];
    if (position + skipped >= limit || next === undefined || isBreak(next)) return -1;
  }
  return -1;
}
