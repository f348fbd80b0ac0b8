import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { tokenize } from '../../../src/coding/tokens.js';

const kinds = (text: string) => tokenize(text).map((t) => `${t.kind}:${t.norm}`);

describe('tokenize', () => {
  it('keeps words with apostrophes and hyphens whole and normalises them', () => {
    expect(kinds('Don’t PRE-ORDER, let\'s go')).toEqual(["word:don't", 'word:pre-order', 'clause-break:,', "word:let's", 'word:go']);
  });

  it('recognises links with and without a scheme, addresses, mentions, hashtags and numbers', () => {
    expect(kinds('Sign at change.org/p/x or https://Ex.org/a?b=1). Mail me@x.org @Bob_1 #SaveTheBees 3rd 10:30')).toEqual([
      'word:sign',
      'word:at',
      'url:change.org/p/x',
      'word:or',
      'url:https://ex.org/a?b=1',
      'clause-break:)',
      'sentence-break:.',
      'word:mail',
      'email:me@x.org',
      'mention:@bob_1',
      'hashtag:#savethebees',
      'number:3rd',
      'number:10:30',
    ]);
  });

  it('does not read a missing space after a full stop, or an abbreviation, as a link or a sentence end', () => {
    expect(kinds('I voted.Now e.g. U.S. voters')).toEqual(['word:i', 'word:voted', 'sentence-break:.', 'word:now', 'word:e.g.', 'word:u.s.', 'word:voters']);
  });

  it('ends sentences at line breaks and keeps emoji whole, without skin tones or variation selectors', () => {
    expect(kinds('Vote 🗳️\n👍🏽 🇩🇰 ok')).toEqual(['word:vote', 'emoji:🗳', 'sentence-break:\n', 'emoji:👍', 'emoji:🇩🇰', 'word:ok']);
  });

  it('gives UTF-16 offsets of the text as written', () => {
    const text = '👋🏾 Hi — ’tis “fine”';
    for (const token of tokenize(text)) expect(text.slice(token.start, token.end)).toBe(token.text);
  });

  it('classifies a string where it stands, not by an earlier occurrence (shapes cached per string)', () => {
    expect(kinds('a - b')).toEqual(['word:a', 'clause-break:-', 'word:b']);
    expect(kinds('a -b')).toEqual(['word:a', 'symbol:-', 'word:b']);
    expect(kinds('a - b a -b a - b')).toEqual(['word:a', 'clause-break:-', 'word:b', 'word:a', 'symbol:-', 'word:b', 'word:a', 'clause-break:-', 'word:b']);
    expect(kinds('Vote! Vote!\nvote')).toEqual(['word:vote', 'sentence-break:!', 'word:vote', 'sentence-break:!\n', 'word:vote']);
  });

  it('gives a text the same tokens whatever was tokenised before it (the kept shapes change no result)', async () => {
    // Pieces that make strings of one spelling and several kinds: dashes, dots, links without a scheme, addresses.
    const piece = fc.constantFrom('a', 'B', 'x.org', 'example.com/p', 'www.x.de', 'https://y.org', '@', '#', '-', '--', '–', ',', '.', '(', ')', '$', '3', '2.5', ':', '/', "'", '👍', ' ', ' ', '\n');
    const text = fc.array(piece, { maxLength: 14 }).map((pieces) => pieces.join(''));
    const freshTokenize = async () => {
      vi.resetModules();
      return (await import('../../../src/coding/tokens.js')).tokenize;
    };
    await fc.assert(
      fc.asyncProperty(fc.array(text, { maxLength: 4 }), text, async (before, after) => {
        const primed = await freshTokenize();
        for (const t of before) primed(t);
        expect(primed(after)).toEqual((await freshTokenize())(after));
      }),
      { numRuns: 150 },
    );
  });
});
