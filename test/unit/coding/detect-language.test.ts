import { eld } from 'eld/small';
import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../../src/coding/detect-language.js';
import { tokenize } from '../../../src/coding/tokens.js';

const six = ['en', 'de', 'da', 'es', 'fr', 'nl'];
const detect = (text: string, preferred: readonly string[] = six) => detectLanguage(tokenize(text), preferred);

const shortPosts: Readonly<Record<string, readonly string[]>> = {
  en: ['Sign the petition before Friday!', 'I voted today.', 'What a lovely day at the beach ☀️', 'Link in bio to donate 💛'],
  de: ['Unterschreibt die Petition!', 'Ich habe gestern gewählt.', 'Was für ein schöner Tag am Strand ☀️', 'Kauft nicht bei Amazon.'],
  da: ['Skriv under på borgerforslaget i dag!', 'Vi marcherede i går.', 'Hvilken dejlig dag på stranden ☀️', 'Køb ikke ind hos Netto.'],
  es: ['¡Firma la petición!', 'Ayer votamos en el colegio.', 'Qué día tan bonito en la playa ☀️', 'No compres en Zara.'],
  fr: ['Signez la pétition !', 'Nous avons signé la lettre hier.', 'Quelle belle journée à la plage ☀️', "N'achetez pas chez Amazon."],
  nl: ['Teken de petitie voor vrijdag!', 'Wij hebben gisteren getekend.', 'Wat een mooie dag aan het strand ☀️', 'Koop niet bij Albert Heijn.'],
};

describe('detectLanguage', () => {
  it.each(Object.entries(shortPosts))('recognises short posts in %s', (lang, posts) => {
    for (const post of posts) expect(detect(post), post).toBe(lang);
  });

  it('names a language the codebook lacks rather than forcing it into one it has', () => {
    expect(detect('Firmate la petizione prima di venerdì!')).toBe('it');
    expect(detect('Assine a petição antes de sexta-feira!')).toBe('pt');
    expect(detect('Podpisz petycję przed piątkiem!')).toBe('pl');
  });

  it('prefers a codebook language that scores nearly as well as the best', () => {
    // Norwegian; ELD scores it a little higher for Norwegian than for Danish, within the margin.
    const text = 'Takk alle for støtten.';
    expect(detect(text, [])).toBe('no');
    expect(detect(text)).toBe('da');
  });

  it('reads words only, and gives null where there are none', () => {
    expect(detect('🗳️ #GoVote @bob https://vote.org 2024')).toBeNull();
    expect(detect('')).toBeNull();
  });

  it('gives the language ELD gives for the whole text, from cached word scores', () => {
    const texts = Object.values(shortPosts).flat().map((text) => text.replace(/\p{Extended_Pictographic}/gu, ''));
    const agreeing = texts.filter((text) => detect(text, []) === eld.detect(text).language);
    expect(agreeing.length / texts.length).toBeGreaterThanOrEqual(0.95);
  });
});
