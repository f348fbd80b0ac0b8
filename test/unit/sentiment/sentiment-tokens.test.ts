import { describe, expect, it } from 'vitest';
import { sentimentTokens } from '../../../src/sentiment/sentiment-tokens.js';

const show = (text: string) =>
  sentimentTokens(text).map((t) => (t.kind === 'word' ? `${t.text}${t.shouted ? '^' : ''}` : `${t.kind}:${t.text}${t.exclamations ? `!${t.exclamations}` : ''}`));

describe('sentimentTokens', () => {
  it('keeps words, drops links, mentions and numbers, reads hashtags as their word', () => {
    expect(show('Great news @bob https://t.co/x 2nd #BestDay')).toEqual(['great', 'news', 'bestday']);
  });

  it('keeps inner apostrophes and hyphens and normalises typographic apostrophes', () => {
    expect(show('don’t e-mail l\'amour')).toEqual(["don't", 'e-mail', "l'amour"]);
  });

  it('finds emoji (without skin tones or variation selectors) and standalone emoticons', () => {
    expect(show('ok 👍🏽 ❤️ :) :-( <3 xD')).toEqual(['ok', 'symbol:👍', 'symbol:❤', 'symbol::)', 'symbol::-(', 'symbol:<3', 'symbol:xd']);
    expect(show('at 10:30')).toEqual(['at', 'clause-break::']);
  });

  it('marks sentence and clause breaks, with the exclamation marks of a break', () => {
    expect(show('Yes!!! No, (maybe) - ok…')).toEqual(['yes', 'sentence-break:!!!!3', 'no', 'clause-break:,', 'clause-break:(', 'maybe', 'clause-break:)', 'clause-break:-', 'ok', 'sentence-break:…']);
  });

  it('marks shouted words only in posts that have lower-case letters', () => {
    expect(show('this is SO good')).toEqual(['this', 'is', 'so^', 'good']);
    expect(show('THIS IS GOOD')).toEqual(['this', 'is', 'good']);
  });
});
