import { isGap, type Pattern } from './pattern.js';
import type { Token, TokenKind } from './tokens.js';

/**
 * Finds the cues that can start at a token: by the exact first word, by each prefix length that
 * some first element has, by stem and by token kind. Built once per codebook; coding looks the
 * answer for a word up once per distinct word (word-cues.ts).
 */
export class PatternIndex<T extends { readonly pattern: Pattern }> {
  private readonly byWord = new Map<string, T[]>();
  private readonly byPrefix = new Map<string, T[]>();
  private readonly prefixLengths: number[] = [];
  private readonly byStem = new Map<string, T[]>();
  private readonly byKind = new Map<TokenKind, T[]>();
  /** Whether anything can start at a word token at all: most indexes of a language can. */
  readonly size: number;

  constructor(items: readonly T[]) {
    for (const item of items) {
      const first = item.pattern[0];
      if (first === undefined || isGap(first)) throw new Error('a pattern starts with a token test');
      for (const word of first.words) push(this.byWord, word, item);
      for (const prefix of first.prefixes) {
        push(this.byPrefix, prefix, item);
        if (!this.prefixLengths.includes(prefix.length)) this.prefixLengths.push(prefix.length);
      }
      for (const stem of first.stems) push(this.byStem, stem, item);
      for (const kind of first.kinds) push(this.byKind, kind, item);
    }
    this.size = items.length;
  }

  /** The items whose first element accepts the token, each once. */
  startingWith(token: Token): readonly T[] {
    if (this.size === 0) return none;
    let found: readonly T[] = this.byWord.get(token.norm) ?? none;
    for (const length of this.prefixLengths) {
      if (token.norm.length >= length) found = union(found, this.byPrefix.get(token.norm.slice(0, length)));
    }
    if (token.stem !== '') found = union(found, this.byStem.get(token.stem));
    return union(found, this.byKind.get(token.kind));
  }
}

const none: readonly never[] = [];

/** Avoids copying in the common case where only one of the look-ups finds anything. */
function union<T>(found: readonly T[], more: readonly T[] | undefined): readonly T[] {
  if (more === undefined || more.length === 0) return found;
  if (found.length === 0) return more;
  return [...found, ...more.filter((item) => !found.includes(item))];
}

function push<K, T>(map: Map<K, T[]>, key: K, item: T): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [item]);
  else if (!list.includes(item)) list.push(item);
}
