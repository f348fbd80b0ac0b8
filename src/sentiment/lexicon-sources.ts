import { createRequire } from 'node:module';
import { Lexicon, unstretched } from './lexicon.js';

/*
 * Where each language's lexicon comes from. The files are read straight from the packages that
 * ship them (never `natural` as a whole, which loads far more and prints to the console), once per
 * process and only for languages that posts are in. Valences are brought to AFINN units (-5 … 5):
 * lexicons rated from -1 to 1 are multiplied by 5. Every lexicon also gets the emoji valences of
 * the `sentiment` package (Emoji Sentiment Ranking 1.0, Kralj Novak et al. 2015), a few newer
 * emoji and a few emoticons, so that a 😍 counts in every language.
 */

const require = createRequire(import.meta.url);
const naturalSentiment = 'natural/lib/natural/sentiment';

type Entries = Map<string, number>;

/** A lexicon with the method name that sentiment_method records for it. */
export interface LexiconSource {
  /** Lexicon name and version, e.g. afinn-165-en. */
  readonly name: string;
  readonly build: () => Lexicon;
}

/** Classic emoticons, rated like the emoji of the same look. */
const emoticons: Readonly<Record<string, number>> = {
  ':)': 2, ':-)': 2, ':]': 2, '=)': 2, ':d': 3, ':-d': 3, '=d': 3, 'xd': 2, 'xdd': 2, ';)': 2, ';-)': 2, ';d': 2,
  ':p': 1, ':-p': 1, ';p': 1, '<3': 3, '<33': 3, '<333': 3, ':*': 2, ':-*': 2, '(:': 2,
  ':(': -2, ':-(': -2, ':[': -2, '=(': -2, ":'(": -2, ":'-(": -2, ':/': -1, ':-/': -1, ':\\': -1, ':|': -1, '):': -2,
  ':o': 0, ':-o': 0,
};

/**
 * Emoji newer than the Emoji Sentiment Ranking (Unicode 8.0 and later, 2015 on), rated like the
 * older emoji of the same meaning: 🤣 as 😂, 🥰 and 🤩 as 😍, 🤗 as ☺, 🙂 as 😀, 🙁 as ☹, 🙄 as 😒,
 * 🤬 as 😠, 🤢 and 🤮 as 😷, 🤦 as 😩. Emoji whose meaning turns on context (🤔 🙃 🤷) have none.
 */
const newerEmoji: Readonly<Record<string, number>> = {
  '🤣': 1, '🥰': 3, '🤩': 3, '🤗': 3, '🙂': 2, '🙁': -3, '🙄': -2, '🤬': -2, '🤢': -1, '🤮': -1, '🤦': -2,
};

function symbols(): Entries {
  const entries: Entries = new Map(Object.entries(requireJson<Record<string, number>>('sentiment/build/emoji.json')));
  for (const [emoji, valence] of Object.entries(newerEmoji)) if (!entries.has(emoji)) entries.set(emoji, valence);
  for (const [emoticon, valence] of Object.entries(emoticons)) entries.set(emoticon, valence);
  return entries;
}

function requireJson<T>(path: string): T {
  return require(path) as T;
}

/** Adds an entry, keeping the stronger valence where two spellings meet (Arm/arm, à/a). */
function put(entries: Entries, key: string, valence: number): void {
  if (valence === 0 || !key) return;
  const old = entries.get(key);
  if (old === undefined || Math.abs(valence) > Math.abs(old)) entries.set(key, valence);
}

function withSymbols(entries: Entries): Entries {
  for (const [symbol, valence] of symbols()) if (!entries.has(symbol)) entries.set(symbol, valence);
  return entries;
}

/** Keys without accents too ("tambien", "tres bien"), where that spelling is not a word of its own. */
function addUnaccented(entries: Entries): Entries {
  for (const [key, valence] of [...entries]) {
    const plain = key.normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC');
    if (plain !== key && !entries.has(plain)) entries.set(plain, valence);
  }
  return entries;
}

const normalise = (key: string) => key.toLowerCase().replace(/[’ʼ]/g, "'").trim().replace(/\s+/g, ' ');

/** AFINN-165 as the `sentiment` package ships it (3,382 words and phrases rated -5 … 5). */
export const afinnEnglish: LexiconSource = {
  name: 'afinn-165-en',
  build: () => {
    const entries: Entries = new Map();
    for (const [word, valence] of Object.entries(requireJson<Record<string, number>>('sentiment/languages/en/labels.json'))) put(entries, normalise(word), valence);
    return new Lexicon(withSymbols(entries), unstretched);
  },
};

interface PatternEntry {
  polarity?: string;
  /** In the German list: the inflected forms of the entry, comma-separated. */
  sense?: string;
  pos?: string;
}

/**
 * The Pattern project's lexicons as `natural` ships them (polarity -1 … 1). The German list
 * (SentiWS-style values) lists each lemma's inflected forms; those get the lemma's valence.
 */
function patternLexicon(file: string, name: string, inflections: boolean, variants: (word: string) => string[]): LexiconSource {
  return {
    name,
    build: () => {
      const entries: Entries = new Map();
      for (const [word, entry] of Object.entries(requireJson<Record<string, PatternEntry>>(`${naturalSentiment}/${file}`))) {
        const valence = 5 * Number(entry.polarity ?? 0);
        if (!Number.isFinite(valence)) continue;
        put(entries, normalise(word), valence);
        if (inflections && entry.sense) for (const form of entry.sense.split(',')) put(entries, normalise(form), valence);
      }
      return new Lexicon(withSymbols(addUnaccented(entries)), variants);
    },
  };
}

/**
 * Dutch forms of a lexicon adjective: inflected (prachtige → prachtig, grote → groot, dikke →
 * dik), comparative and superlative (mooier, mooiste → mooi).
 */
export function dutchVariants(word: string): string[] {
  const variants = unstretched(word);
  const add = (form: string) => {
    if (form.length >= 3 && !variants.includes(form)) variants.push(form);
  };
  const stems: string[] = [];
  if (word.endsWith('ste')) stems.push(word.slice(0, -3));
  if (word.endsWith('st')) stems.push(word.slice(0, -2));
  if (word.endsWith('er')) stems.push(word.slice(0, -2));
  if (word.endsWith('e')) stems.push(word.slice(0, -1));
  for (const stem of stems) {
    add(stem);
    // dikke → dik; grote → groot; lieve → lief; boze → boos
    if (/([^aeiou])\1$/.test(stem)) add(stem.slice(0, -1));
    if (/[^aeiou][aeou][^aeiou]$/.test(stem)) add(`${stem.slice(0, -1)}${stem.at(-2)!}${stem.at(-1)!}`);
    if (stem.endsWith('v')) add(`${stem.slice(0, -1)}f`);
    if (stem.endsWith('z')) add(`${stem.slice(0, -1)}s`);
  }
  return variants;
}

export const patternGerman = patternLexicon('German/pattern-sentiment-de.json', 'pattern-de', true, unstretched);
export const patternFrench = patternLexicon('French/pattern-sentiment-fr.json', 'pattern-fr', false, unstretched);
export const patternDutch = patternLexicon('Dutch/pattern-sentiment-nl.json', 'pattern-nl', false, dutchVariants);

interface SenticonEntry {
  pol: string;
}

/** Spanish inflections of a lexicon lemma: plurals, feminine forms, -mente adverbs. */
export function spanishVariants(word: string): string[] {
  const variants = unstretched(word);
  const add = (form: string) => {
    if (form.length >= 3 && !variants.includes(form)) variants.push(form);
  };
  if (word.endsWith('mente')) {
    const adjective = word.slice(0, -5);
    add(adjective);
    if (adjective.endsWith('a')) add(`${adjective.slice(0, -1)}o`);
  }
  if (word.endsWith('as')) add(`${word.slice(0, -2)}o`);
  if (word.endsWith('es')) add(word.slice(0, -2));
  if (word.endsWith('s')) add(word.slice(0, -1));
  if (word.endsWith('a')) add(`${word.slice(0, -1)}o`);
  return variants;
}

/**
 * Spanish: the AFINN list translated to Spanish that `natural` ships (1,653 words and emoji,
 * rated -5 … 5), completed by ML-SentiCon (Cruz et al. 2014; 11,344 lemmas rated -1 … 1, of which
 * 2,584 are phrases) for the words AFINN lacks.
 */
export const afinnSenticonSpanish: LexiconSource = {
  name: 'afinn-es+senticon-es',
  build: () => {
    const entries: Entries = new Map();
    for (const [word, valence] of Object.entries(requireJson<Record<string, number>>(`${naturalSentiment}/Spanish/afinnShortSortedSpanish.json`))) {
      put(entries, normalise(word), valence);
    }
    for (const [word, entry] of Object.entries(requireJson<Record<string, SenticonEntry>>(`${naturalSentiment}/Spanish/senticon_es.json`))) {
      const key = normalise(word);
      if (!entries.has(key)) put(entries, key, 5 * Number(entry.pol));
    }
    return new Lexicon(withSymbols(addUnaccented(entries)), spanishVariants);
  },
};

interface Stemmer {
  stemWord(word: string): string;
}

/**
 * Danish: AFINN's Danish list as @nlpjs/lang-da ships it (2,102 entries rated -5 … 5, stored as
 * Snowball stems), looked up by the stem of each word with the same package's Danish stemmer.
 */
export const afinnDanish: LexiconSource = {
  name: 'afinn-da',
  build: () => {
    const entries: Entries = new Map();
    for (const [stem, valence] of Object.entries(requireJson<Record<string, number>>('@nlpjs/lang-da/src/sentiment/afinn_da.json'))) put(entries, normalise(stem), valence);
    const StemmerDa = require('@nlpjs/lang-da/src/stemmer-da.js') as new () => Stemmer;
    const stemmer = new StemmerDa();
    const variants = (word: string) => {
      const forms = [word, ...unstretched(word)];
      return forms.map((form) => stemmer.stemWord(form)).filter((stem) => stem !== word);
    };
    return new Lexicon(withSymbols(entries), variants);
  },
};

/** The lexicon of each language that has one. */
export const lexiconSources: ReadonlyMap<string, LexiconSource> = new Map([
  ['en', afinnEnglish],
  ['de', patternGerman],
  ['da', afinnDanish],
  ['es', afinnSenticonSpanish],
  ['fr', patternFrench],
  ['nl', patternDutch],
]);
