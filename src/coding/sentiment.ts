import { analyserFor, notMeasured } from '../sentiment/analyse.js';
import type { Sentiment } from '../types/contracts.js';

/**
 * Sentiment of a post in its coded language: a lexicon per language (English AFINN-165, German,
 * French and Dutch Pattern, Spanish AFINN + ML-SentiCon, Danish AFINN) with emoji, negation,
 * booster, contrast and voice rules; `method` names the lexicon and rules. For a language without
 * a lexicon, or an unknown one, the result is "not measured": score, comparative and label null,
 * method `none`.
 * Pure and deterministic; each lexicon is built once per process, on first use.
 */
export function sentimentOf(text: string, lang: string | null): Sentiment {
  const analyser = lang === null ? undefined : analyserFor(lang);
  return analyser === undefined ? notMeasured() : analyser.analyse(text);
}
