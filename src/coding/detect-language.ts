import { eld } from './eld-compact.js';
import type { Token } from './tokens.js';
import { WordCache } from './word-cache.js';

/**
 * Language detection for posts whose export states no language: ELD (Efficient Language Detector,
 * package eld, the "small" database of 60 languages), chosen over tinyld, franc-min and cld by
 * accuracy on short posts; docs/codebook.md gives the measurements.
 *
 * ELD adds up, over the distinct byte 4-grams of the text, a score per language, and every
 * 4-gram lies within one word. So a post's scores are the sum of its distinct words' scores: each
 * word is scored once per process (ELD on the word alone, cached) and a post costs a few
 * additions per word instead of a full ELD pass. The result is the language ELD gives for the
 * whole text, up to 4-grams that two different words of one post share and the languages a word
 * scores lowest for (see languagesPerWord).
 */

/** ELD's languages, in the order of its score arrays. */
const languages: readonly string[] = Object.values(eld.info().Languages);
const languageIndex = new Map(languages.map((code, i) => [code, i]));

/** ELD's own scaling of a raw score per 4-gram into 0…1 (LanguageResult.orderAndScale). */
const eldScale = 25;
/** ELD reads at most 70 bytes of a word. */
const maxWordBytes = 70;

/**
 * A codebook language is chosen over a language the codebook lacks when it scores at least this
 * share of the best language's score. Short posts in a codebook language are often scored a
 * little higher for a neighbour (Danish for Norwegian, Spanish for Catalan or Galician); measured
 * on short posts in the six cta-v1 languages and seven others, 0.9 keeps 99% of the former in their
 * language and flags 94% of the latter.
 */
export const codebookLanguagePreference = 0.9;

/** A word's raw ELD score per language, sparse. */
export interface LanguageScores {
  readonly languages: Uint8Array;
  readonly scores: Float64Array;
  /** The detection that last counted this word: a word counts once per post. */
  stamp: number;
}

/**
 * A word keeps its best-scoring languages only: the others add little and cost an addition each
 * for every occurrence. With 16 of ELD's 60, detection agreed with ELD on the whole text for
 * 99.4–100% of the short posts measured.
 */
const languagesPerWord = 16;

/** Words (norms) scored, shared by every token string with that norm. */
const scoresByWord = new WordCache<LanguageScores>(100_000);

/** Letters and apostrophes: ELD splits words at everything else. */
const nonLetters = /[^\p{L}'`’]+/u;
const encoder = new TextEncoder();

/** The number of 4-grams ELD takes from a word of this many UTF-8 bytes (getByteNgrams). */
function ngramCount(bytes: number): number {
  const length = Math.min(bytes, maxWordBytes);
  let count = 0;
  let j = 0;
  for (; j + 4 < length; j += 3) count++;
  return count + 1;
}

/** A token's scores: the sum of its parts' where ELD splits it (pre-order, l'école). */
function scoresOf(norm: string): LanguageScores {
  let cached = scoresByWord.get(norm);
  if (cached !== undefined) return cached;
  const sums = new Map<number, number>();
  for (const part of nonLetters.test(norm) ? norm.split(nonLetters) : [norm]) {
    if (part === '') continue;
    const ngrams = ngramCount(encoder.encode(part).length);
    for (const [code, value] of Object.entries(eld.detect(part).getScores())) {
      if (!(value > 0 && value < 1)) continue;
      const index = languageIndex.get(code);
      // Undo ELD's scaling: value = s / (s + 25) with s = raw score / number of 4-grams.
      if (index !== undefined) sums.set(index, (sums.get(index) ?? 0) + ((eldScale * value) / (1 - value)) * ngrams);
    }
  }
  const kept = [...sums].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, languagesPerWord);
  cached = { languages: Uint8Array.from(kept, ([index]) => index), scores: Float64Array.from(kept, ([, score]) => score), stamp: 0 };
  scoresByWord.set(norm, cached);
  return cached;
}

/** ELD reads about 350 bytes of a text; this many distinct words are plenty for a post. */
const maxWords = 60;

// Scratch space of one detection; detection is synchronous, so one array serves every call.
const totals = new Float64Array(languages.length);
let stamp = 0;

// The codebook's languages as a mask over ELD's, for the last list asked about (one per codebook).
let maskFor: readonly string[] | null = null;
let mask = new Uint8Array(languages.length);

function preferredMask(preferred: readonly string[]): Uint8Array {
  if (preferred !== maskFor) {
    mask = Uint8Array.from(languages, (code) => (preferred.includes(code) ? 1 : 0));
    maskFor = preferred;
  }
  return mask;
}

/**
 * The language of a post's words (links, mentions, hashtags, emoji and numbers do not count):
 * the best-scoring language, unless one of `preferred` scores nearly as well (see
 * codebookLanguagePreference). Null where no word gives any language a score.
 */
export function detectLanguage(tokens: readonly Token[], preferred: readonly string[]): string | null {
  totals.fill(0);
  stamp++;
  let words = 0;
  for (let t = 0; t < tokens.length && words < maxWords; t++) {
    const token = tokens[t]!;
    if (token.kind !== 'word') continue;
    const shared = token.shared;
    let scores = shared.languageScores;
    if (scores === undefined) scores = shared.languageScores = scoresOf(token.norm);
    if (scores.stamp === stamp) continue;
    scores.stamp = stamp;
    words++;
    const codes = scores.languages;
    const values = scores.scores;
    for (let k = 0; k < codes.length; k++) totals[codes[k]!]! += values[k]!;
  }
  const isPreferred = preferredMask(preferred);
  let best = -1;
  let bestPreferred = -1;
  for (let i = 0; i < totals.length; i++) {
    const score = totals[i]!;
    if (score <= 0) continue;
    if (best === -1 || score > totals[best]!) best = i;
    if (isPreferred[i] === 1 && (bestPreferred === -1 || score > totals[bestPreferred]!)) bestPreferred = i;
  }
  if (best === -1) return null;
  if (bestPreferred !== -1 && totals[bestPreferred]! >= codebookLanguagePreference * totals[best]!) return languages[bestPreferred]!;
  return languages[best]!;
}
