import type { Token, TokenKind } from './tokens.js';

/**
 * What one position of a cue accepts: exact words, word beginnings (`subscrib*`), stems (`~word`,
 * compared with the token's stem in the post's language) and token kinds (`<mention>`). A named
 * word list is one test with many words.
 */
export interface TokenTest {
  readonly words: ReadonlySet<string>;
  readonly prefixes: readonly string[];
  readonly stems: ReadonlySet<string>;
  readonly kinds: ReadonlySet<TokenKind>;
}

export const noTokens: TokenTest = { words: new Set(), prefixes: [], stems: new Set(), kinds: new Set() };

export function passesTest(test: TokenTest, token: Token): boolean {
  if (test.words.has(token.norm) || test.kinds.has(token.kind)) return true;
  if (test.stems.size > 0 && token.stem !== '' && test.stems.has(token.stem)) return true;
  const { prefixes } = test;
  for (let i = 0; i < prefixes.length; i++) if (token.norm.startsWith(prefixes[i]!)) return true;
  return false;
}

export function combineTests(tests: readonly TokenTest[]): TokenTest {
  return {
    words: new Set(tests.flatMap((t) => [...t.words])),
    prefixes: [...new Set(tests.flatMap((t) => t.prefixes))],
    stems: new Set(tests.flatMap((t) => [...t.stems])),
    kinds: new Set(tests.flatMap((t) => [...t.kinds])),
  };
}
