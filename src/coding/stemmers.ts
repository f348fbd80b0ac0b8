import { createRequire } from 'node:module';
import { detached } from '../runtime/detached-string.js';
import { WordCache } from './word-cache.js';

/**
 * Stemmers for `~word` and `stems` cues: natural's Snowball (Porter) stemmers, and Snowball's
 * Danish stemmer from snowball-stemmers where natural has none. Each is loaded on first use, and a
 * word is stemmed once per process (cached), never once per occurrence.
 */

type Stem = (word: string) => string;

const require = createRequire(import.meta.url);

/** natural's stemmer modules, by ISO 639-1 code. Imported one by one: `natural` as a whole reads .env and prints. */
const naturalModules: Readonly<Record<string, string>> = {
  en: 'porter_stemmer.js',
  de: 'porter_stemmer_de.js',
  es: 'porter_stemmer_es.js',
  fr: 'porter_stemmer_fr.js',
  nl: 'porter_stemmer_nl.js',
  it: 'porter_stemmer_it.js',
  pt: 'porter_stemmer_pt.js',
  sv: 'porter_stemmer_sv.js',
  no: 'porter_stemmer_no.js',
  ru: 'porter_stemmer_ru.js',
  uk: 'porter_stemmer_uk.js',
  fa: 'porter_stemmer_fa.js',
};

/** Snowball algorithms natural lacks, from snowball-stemmers. */
const snowballAlgorithms: Readonly<Record<string, string>> = {
  da: 'danish',
  fi: 'finnish',
  hu: 'hungarian',
  ro: 'romanian',
  tr: 'turkish',
  ca: 'catalan',
  eu: 'basque',
  cs: 'czech',
};

/** Languages with a stemmer, for error messages. */
export const stemmerLanguages: readonly string[] = [...Object.keys(naturalModules), ...Object.keys(snowballAlgorithms)].sort();

/** The stemmer's name, as the documentation lists it. */
export function stemmerName(language: string): string | undefined {
  if (naturalModules[language] !== undefined) return `natural ${naturalModules[language].replace(/\.js$/, '')}`;
  if (snowballAlgorithms[language] !== undefined) return `snowball-stemmers ${snowballAlgorithms[language]}`;
  return undefined;
}

const loaded = new Map<string, Stem>();

/** A cached stemmer for lower-case words of the language, or undefined where there is none. */
export function stemmerFor(language: string): Stem | undefined {
  const known = loaded.get(language);
  if (known !== undefined) return known;
  const raw = rawStemmer(language);
  if (raw === undefined) return undefined;
  const cache = new WordCache<string>(100_000);
  const stem: Stem = (word) => {
    let result = cache.get(word);
    if (result === undefined) {
      // A stemmer may give back the word itself, a slice of the post; the stem is kept with the word's cues too.
      result = detached(raw(word));
      cache.set(word, result);
    }
    return result;
  };
  loaded.set(language, stem);
  return stem;
}

function rawStemmer(language: string): Stem | undefined {
  const naturalModule = naturalModules[language];
  if (naturalModule !== undefined) {
    const stemmer = require(`natural/lib/natural/stemmers/${naturalModule}`) as { stem(word: string): string };
    return (word) => stemmer.stem(word);
  }
  const algorithm = snowballAlgorithms[language];
  if (algorithm !== undefined) {
    const snowball = require('snowball-stemmers') as { newStemmer(name: string): { stem(word: string): string } };
    const stemmer = snowball.newStemmer(algorithm);
    return (word) => stemmer.stem(word);
  }
  return undefined;
}
