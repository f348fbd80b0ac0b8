/**
 * The cue language of codebooks: words and phrases split like post text, `word*` for any ending,
 * `~word` for any word with the same stem, `...` (or `...N`) for a gap of up to 3 (or N) tokens,
 * `<kind>` for a token kind and `<name>` for a named word list. docs/codebook.md describes it for
 * codebook authors.
 */
import type { Gap, Pattern } from '../coding/pattern.js';
import type { TokenTest } from '../coding/token-test.js';
import { stemmerLanguages } from '../coding/stemmers.js';
import { normaliseToken, tokenize, type TokenKind } from '../coding/tokens.js';

/** Named word lists of one language, each compiled into a single token test. */
export type WordLists = ReadonlyMap<string, TokenTest>;

/** A cue that cannot be compiled; the message says why, the caller says where. */
export class CueSyntaxError extends Error {}

/** The stemmer of the cue's language, or null where it has none (or the cue is language-independent). */
export type StemFunction = ((word: string) => string) | null;

export const defaultGap = 3;

const tokenKinds: Readonly<Record<string, TokenKind>> = {
  number: 'number',
  mention: 'mention',
  hashtag: 'hashtag',
  url: 'url',
  emoji: 'emoji',
  symbol: 'symbol',
};

const gapPiece = /^\.\.\.(\d*)$/;
const namePiece = /^<([a-z][a-z0-9]*(?:-[a-z0-9]+)*)>$/;

export function parsePattern(cue: string, lists: WordLists, stem: StemFunction = null): Pattern {
  const pattern: (TokenTest | Gap)[] = [];
  for (const piece of cue.trim().split(/\s+/)) {
    const gap = gapPiece.exec(piece);
    if (gap === null) {
      pattern.push(...parsePiece(piece, lists, stem));
      continue;
    }
    const max = gap[1] === '' ? defaultGap : Number(gap[1]);
    if (max < 1) throw new CueSyntaxError(`"${piece}" is a gap of no tokens`);
    if (pattern.length === 0) throw new CueSyntaxError(`"${cue}" starts with a gap`);
    if ('gap' in pattern[pattern.length - 1]!) throw new CueSyntaxError(`"${cue}" has two gaps in a row`);
    pattern.push({ gap: max });
  }
  if (pattern.length === 0) throw new CueSyntaxError('the cue is empty');
  if ('gap' in pattern[pattern.length - 1]!) throw new CueSyntaxError(`"${cue}" ends with a gap`);
  return pattern;
}

/** For lead, filler, coordinator and not-followed-by lists, whose entries stand for one token each. */
export function parseSingleToken(entry: string, lists: WordLists, stem: StemFunction = null): TokenTest {
  const pattern = parsePattern(entry, lists, stem);
  const only = pattern[0];
  if (pattern.length !== 1 || only === undefined || 'gap' in only) {
    throw new CueSyntaxError(`"${entry}" is more than one token; this list takes single tokens`);
  }
  return only;
}

/**
 * A stems cue as a pattern: every plain word is compared by its stem (`petition signatures` is
 * `~petition ~signatures`); gaps, `<name>`, `word*` and `~word` keep their meaning.
 */
export function stemsCue(cue: string): string {
  return cue
    .trim()
    .split(/\s+/)
    .map((piece) => (gapPiece.test(piece) || namePiece.test(piece) || piece.startsWith('~') || (piece.length > 1 && piece.endsWith('*')) ? piece : `~${piece}`))
    .join(' ');
}

function parsePiece(piece: string, lists: WordLists, stem: StemFunction): TokenTest[] {
  const name = namePiece.exec(piece)?.[1];
  if (name !== undefined) {
    const kind = tokenKinds[name];
    if (kind !== undefined) return [{ words: new Set(), prefixes: [], stems: new Set(), kinds: new Set([kind]) }];
    const list = lists.get(name);
    if (list === undefined) {
      const known = [...Object.keys(tokenKinds), ...lists.keys()].map((n) => `<${n}>`).join(', ');
      throw new CueSyntaxError(`<${name}> is neither a token kind nor a word list of this language (${known})`);
    }
    return [list];
  }
  if (piece.length > 1 && piece.endsWith('*')) {
    return [{ words: new Set(), prefixes: [normaliseToken(piece.slice(0, -1), 'word')], stems: new Set(), kinds: new Set() }];
  }
  if (piece.length > 1 && piece.startsWith('~')) {
    const words = tokenize(piece.slice(1));
    const word = words[0];
    if (words.length !== 1 || word === undefined || word.kind !== 'word') throw new CueSyntaxError(`"${piece}": ~ takes one word`);
    if (stem === null) throw new CueSyntaxError(`"${piece}" needs a stemmer, and this language has none (stemmers: ${stemmerLanguages.join(', ')})`);
    return [{ words: new Set(), prefixes: [], stems: new Set([stem(word.norm)]), kinds: new Set() }];
  }
  return tokenize(piece).map((token) => ({ words: new Set([token.norm]), prefixes: [], stems: new Set(), kinds: new Set() }));
}
