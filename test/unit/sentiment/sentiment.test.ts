import { describe, expect, it } from 'vitest';
import { sentimentOf } from '../../../src/coding/sentiment.js';
import { analyserFor, plainAnalyserFor, sentimentLanguages } from '../../../src/sentiment/analyse.js';
import { afinnDanish, dutchVariants, spanishVariants } from '../../../src/sentiment/lexicon-sources.js';
import { unstretched } from '../../../src/sentiment/lexicon.js';

const label = (text: string, lang: string) => sentimentOf(text, lang).label;
const score = (text: string, lang: string) => sentimentOf(text, lang).score ?? Number.NaN;

describe('sentimentOf', () => {
  it('names the lexicon and the rules in method', () => {
    expect(sentimentOf('good', 'en').method).toBe('afinn-165-en+rules-v2');
    expect(sentimentOf('gut', 'de').method).toBe('pattern-de+rules-v2');
    expect(sentimentOf('godt', 'da').method).toBe('afinn-da+rules-v2');
    expect(sentimentOf('bueno', 'es').method).toBe('afinn-es+senticon-es+rules-v2');
    expect(sentimentOf('bon', 'fr').method).toBe('pattern-fr+rules-v2');
    expect(sentimentOf('goed', 'nl').method).toBe('pattern-nl+rules-v2');
    expect(sentimentLanguages).toEqual(['en', 'de', 'da', 'es', 'fr', 'nl']);
  });

  it('reports "not measured" for languages without a lexicon and unknown languages', () => {
    const notMeasured = { score: null, comparative: null, label: null, method: 'none' };
    expect(sentimentOf('Jag älskar det här', 'sv')).toEqual(notMeasured);
    expect(sentimentOf('I love it', null)).toEqual(notMeasured);
  });

  it('scores English with AFINN-165: sum of valences, comparative per counted token', () => {
    // love +3; "I", "this" have no valence: 3 tokens counted
    expect(sentimentOf('I love this', 'en')).toEqual({ score: 3, comparative: 1, label: 'positive', method: 'afinn-165-en+rules-v2' });
    expect(label('This is terrible', 'en')).toBe('negative');
    expect(label('The meeting is at 10', 'en')).toBe('neutral');
    expect(sentimentOf('', 'en')).toMatchObject({ score: 0, comparative: 0, label: 'neutral' });
  });

  it('scores emoji and emoticons, in every language', () => {
    expect(score('😍', 'en')).toBeGreaterThan(0);
    expect(score('Montag 😍', 'de')).toBeGreaterThan(0);
    expect(score('ok :(', 'en')).toBeLessThan(0);
    expect(score('ok :)', 'nl')).toBeGreaterThan(0);
    expect(score('heart❤️', 'en')).toBeGreaterThan(0);
  });

  it('ignores links and mentions, reads hashtags as words', () => {
    expect(score('@happyhour see https://example.com/great-deal', 'en')).toBe(0);
    expect(score('#happy', 'en')).toBeGreaterThan(0);
  });

  it('cancels a negated valence', () => {
    expect(score('you are good', 'en')).toBe(3);
    expect(score('you are not good', 'en')).toBeLessThanOrEqual(0);
    expect(label("It isn't great", 'en')).not.toBe('positive');
    expect(label('Das ist nicht gut', 'de')).not.toBe('positive');
    expect(label('Det er ikke godt', 'da')).not.toBe('positive');
    expect(label("Ce n'est pas bon", 'fr')).not.toBe('positive');
    expect(label('Dat is niet leuk', 'nl')).not.toBe('positive');
  });

  it('negates the word before a clause-final negator in German, Danish and Dutch', () => {
    expect(score('Ich mag das', 'de')).toBeGreaterThan(0);
    expect(score('Ich mag das nicht', 'de')).toBeLessThanOrEqual(0);
    expect(score('Jeg elsker det ikke', 'da')).toBeLessThanOrEqual(0);
  });

  it('strengthens a word after a booster and a shouted word', () => {
    expect(score('very good', 'en')).toBeGreaterThan(score('good', 'en'));
    expect(score('This is GOOD', 'en')).toBeGreaterThan(score('This is good', 'en'));
    expect(score('sehr gut', 'de')).toBeGreaterThan(score('gut', 'de'));
    expect(score('muy bueno', 'es')).toBeGreaterThan(score('bueno', 'es'));
  });

  it('lets the clause after "but" weigh more, and a concessive clause less', () => {
    // great +3, awful -3: the clause after "but" counts 1.25 times
    expect(label('The food was great but the service was awful', 'en')).toBe('negative');
    expect(score('The food was awful but the service was great', 'en')).toBeGreaterThan(0);
    expect(label('Although it was awful, I loved it', 'en')).toBe('positive');
    expect(label('Das Essen war gut, aber der Service war schlecht', 'de')).toBe('negative');
  });

  it('counts "like" only as a verb of liking', () => {
    expect(score('looks like rain', 'en')).toBe(0);
    expect(score('I like it', 'en')).toBeGreaterThan(0);
  });

  it('uses lexicon phrases', () => {
    // AFINN-165 rates "fed up" -3, and neither word alone
    expect(score('I am fed up', 'en')).toBe(-3);
  });

  it("weighs a post without the author's own voice less: no I/you/we, emoji or '!'", () => {
    // war -2: a report of it counts 0.6 times
    expect(score('War in the north', 'en')).toBe(-1.2);
    expect(score('I fear war in the north', 'en')).toBe(-4);
    expect(score('War in the north!', 'en')).toBe(-2);
    expect(score('War in the north 😞', 'en')).toBeLessThan(-2);
    expect(score('Wir haben Angst', 'de')).toBeLessThan(score('Sie haben Angst', 'de'));
    // off where pronouns say little: Spanish leaves out its subject pronouns
    expect(score('Estoy triste', 'es')).toBe(plainAnalyserFor('es')!.analyse('Estoy triste').score);
  });

  it('finds inflected forms: Danish stems, Spanish plurals, Dutch adjectives, German inflections, French elisions', () => {
    expect(afinnDanish.build().valence('skuffende')).toBeLessThan(0);
    expect(label('Jeg elsker det', 'da')).toBe('positive');
    expect(label('Las flores son hermosas', 'es')).toBe('positive');
    expect(label('Wat een prachtige dag', 'nl')).toBe('positive');
    expect(label('Ein wunderschöner Tag', 'de')).toBe('positive');
    expect(label("C'est l'horreur, une journée affreuse", 'fr')).toBe('negative');
    expect(spanishVariants('buenas')).toContain('bueno');
    expect(spanishVariants('rápidamente')).toContain('rápido');
    expect(dutchVariants('grote')).toContain('groot');
    expect(dutchVariants('mooiste')).toContain('mooi');
    expect(unstretched('goooood')).toEqual(['good', 'god']);
    expect(label('soooo goooood', 'en')).toBe('positive');
  });

  it('is deterministic and rounds to 4 decimals', () => {
    const text = 'Honestly the best coffee I have had all year, but the queue was awful 😩';
    const a = sentimentOf(text, 'en');
    expect(sentimentOf(text, 'en')).toEqual(a);
    expect(Math.round(a.comparative! * 1e4) / 1e4).toBe(a.comparative);
  });

  it('has a plain-lexicon baseline without rules, labelled by the sign of the sum', () => {
    const plain = plainAnalyserFor('en')!;
    expect(plain.method).toBe('afinn-165-en');
    expect(plain.analyse('not great').score).toBe(3);
    expect(analyserFor('en')!.analyse('not great').score).toBe(0);
    expect(plainAnalyserFor('sv')).toBeUndefined();
    expect(analyserFor('en', { positiveBand: 10 })!.analyse('good').label).toBe('neutral');
  });

  it('is linear in the length of the post', () => {
    // 160,000 tokens: about 0.1 s on an idle core; a quadratic pass would take hours
    const long = 'good day, but a bad night. '.repeat(20_000);
    const started = performance.now();
    expect(sentimentOf(long, 'en').label).toBe('negative');
    expect(performance.now() - started).toBeLessThan(15_000);
  });
});
