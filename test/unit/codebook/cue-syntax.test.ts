import { describe, expect, it } from 'vitest';
import { CueSyntaxError, parsePattern, parseSingleToken, stemsCue } from '../../../src/codebook/cue-syntax.js';
import { matchPattern, type Pattern } from '../../../src/coding/pattern.js';
import { PatternIndex } from '../../../src/coding/pattern-index.js';
import { tokenize } from '../../../src/coding/tokens.js';

const lists = new Map([['docs', parseSingleToken('petition*', new Map())]]);

/** Where a pattern matched at tokens[0] ends, or -1: as coding does, through the index of cue starts. */
function matchAtStart(pattern: Pattern, tokens: ReturnType<typeof tokenize>): number {
  const starts = new PatternIndex([{ pattern }]).startingWith(tokens[0]!);
  return starts.length === 0 ? -1 : matchPattern(pattern, tokens, 0, tokens.length);
}

/** The text a cue matches at the start of `text`, or null. */
function matched(cue: string, text: string): string | null {
  const tokens = tokenize(text);
  const end = matchAtStart(parsePattern(cue, lists), tokens);
  return end === -1 ? null : text.slice(0, tokens[end - 1]!.end);
}

describe('cue patterns', () => {
  it('match words and phrases as tokens, case-insensitively', () => {
    expect(matched("don't forget to", 'Don’t FORGET to vote')).toBe('Don’t FORGET to');
    expect(matched('vote', 'voted')).toBeNull();
  });

  it('match any ending with *', () => {
    expect(matched('subscrib*', 'Subscribed!')).toBe('Subscribed');
  });

  it('bridge up to 3 tokens with ... and up to N with ...N, never across a clause break', () => {
    expect(matched('sign ... petition', 'Sign this important petition')).toBe('Sign this important petition');
    expect(matched('sign ... petition', 'Sign this really very important petition')).toBeNull();
    expect(matched('sign ...5 petition', 'Sign this really very important petition')).toBe('Sign this really very important petition');
    expect(matched('sign ... petition', 'Sign here, petition later')).toBeNull();
  });

  it('match token kinds and word lists with <name>', () => {
    expect(matched('march <number>', 'March 3rd')).toBe('March 3rd');
    expect(matched('tag <mention>', 'Tag @nike')).toBe('Tag @nike');
    expect(matched('sign the <docs>', 'sign the petitions')).toBe('sign the petitions');
  });

  it.each([
    ['... vote', '"... vote" starts with a gap'],
    ['vote ...', '"vote ..." ends with a gap'],
    ['vote ... ...2 now', '"vote ... ...2 now" has two gaps in a row'],
    ['sign <letters>', '<letters> is neither a token kind nor a word list of this language (<number>, <mention>, <hashtag>, <url>, <emoji>, <symbol>, <docs>)'],
  ])('reject %s', (cue, message) => {
    expect(() => parsePattern(cue, lists)).toThrow(new CueSyntaxError(message));
  });

  it('match any word with the same stem with ~word, given the language’s stemmer', () => {
    const stem = (word: string) => word.replace(/(?:ing|ed|s)$/, '');
    const tokens = tokenize('Signing petitions');
    for (const token of tokens) token.stem = stem(token.norm);
    expect(matchAtStart(parsePattern('~sign ~petition', lists, stem), tokens)).toBe(2);
    expect(stemsCue('sign ... <docs> petition* ~x')).toBe('~sign ... <docs> petition* ~x');
    expect(() => parsePattern('~sign', lists)).toThrow(/"~sign" needs a stemmer, and this language has none \(stemmers: /);
  });

  it('take single tokens only where a list asks for them', () => {
    expect(() => parseSingleToken('right now', lists)).toThrow('"right now" is more than one token; this list takes single tokens');
  });
});
