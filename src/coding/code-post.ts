import type { CompiledCodebook } from '../codebook/compiled-codebook.js';
import type { CodedPost, Coding, Evidence, Post } from '../types/contracts.js';
import type { CueMatch } from './cue-match.js';
import { Exclusions } from './exclusions.js';
import { findFramedCalls } from './find-framed-calls.js';
import { findTextCues } from './find-text-cues.js';
import { findTokenCues } from './find-token-cues.js';
import { postLanguage } from './post-language.js';
import { splitSentences } from './sentences.js';
import { sentimentOf } from './sentiment.js';
import { findTargets } from './targets.js';
import { tokenize } from './tokens.js';
import { attachCues } from './word-cues.js';
import { compareText } from '../runtime/compare-text.js';

// Weights such as 0.7 + 0.2 must reach a threshold of 0.9.
const rounding = 1e-9;

/**
 * Codes one post against a compiled codebook: pure and deterministic, the same in every process.
 * A category is coded when the weights of its distinct matched cues reach its threshold, or when
 * one of its child categories is coded; every match of a coded category is recorded as evidence.
 */
export function codePost(post: Post, codebook: CompiledCodebook): CodedPost {
  const calls = codeCalls(post, codebook);
  // Written out rather than spread ({ ...calls, sentiment }): V8 copied the spread object field by
  // field in its runtime, about 1 µs of the 12–13 a post takes to code (CPU profile, positionTicks).
  const coding: Coding = {
    lang: calls.lang,
    lang_source: calls.lang_source,
    lang_status: calls.lang_status,
    cta_any: calls.cta_any,
    categories: calls.categories,
    functions: calls.functions,
    evidence: calls.evidence,
    targets: calls.targets,
    sentiment: sentimentOf(post.text, calls.lang),
  };
  return { post, coding };
}

/** Everything codePost records but the sentiment, which is measured separately (bench/coding-speed.ts). */
export function codeCalls(post: Post, codebook: CompiledCodebook): Omit<Coding, 'sentiment'> {
  const { text } = post;
  const tokens = tokenize(text);
  const language = postLanguage(post, tokens, codebook);
  const matcher = (language.status === 'coded' ? codebook.matchers.get(language.lang!) : undefined) ?? codebook.independentMatcher;
  attachCues(tokens, matcher);
  const sentences = splitSentences(tokens);
  const exclusions = new Exclusions(matcher, text, tokens, sentences);
  const framed = findFramedCalls(text, tokens, sentences, matcher, exclusions);
  const matches = framed.matches;
  findTextCues(text, tokens, sentences, matcher, exclusions, framed.claimed, matches);
  findTokenCues(post, tokens, matcher, matches);

  const coded = codedCategories(matches, codebook);
  const counted: CueMatch[] = [];
  for (const match of matches) if (coded[match.cue.category]) counted.push(match);
  counted.sort(inTextOrder);
  const categories: string[] = [];
  // Made at the first coded category: most posts have no call to action.
  let codedFunctions: Set<string> | null = null;
  for (let c = 0; c < codebook.categories.length; c++) {
    if (!coded[c]) continue;
    const category = codebook.categories[c]!;
    categories.push(category.id);
    (codedFunctions ??= new Set()).add(category.function);
  }
  const inFunctions = codedFunctions;
  // In codebook order, as categories are.
  const functions = inFunctions === null ? [] : codebook.functions.filter((f) => inFunctions.has(f.id)).map((f) => f.id);
  const ctaAny = categories.length > 0;
  return {
    lang: language.lang,
    lang_source: language.source,
    lang_status: language.status,
    cta_any: ctaAny,
    categories,
    functions,
    evidence: counted.map((match) => toEvidence(match, codebook)),
    targets: ctaAny ? findTargets(post, tokens, sentences, counted) : [],
  };
}

/**
 * Per category (codebook index), whether it is coded: its distinct cues' weights reach its
 * threshold, or a descendant is coded.
 */
function codedCategories(matches: readonly CueMatch[], codebook: CompiledCodebook): boolean[] {
  const { categories } = codebook;
  const coded = new Array<boolean>(categories.length).fill(false);
  if (matches.length === 0) return coded;
  const weights = new Array<number>(categories.length).fill(0);
  const counted = new Set<object>();
  for (const { cue } of matches) {
    if (counted.has(cue)) continue;
    counted.add(cue);
    weights[cue.category]! += cue.weight;
  }
  for (let c = 0; c < categories.length; c++) {
    if (weights[c]! > 0 && weights[c]! + rounding >= categories[c]!.threshold) {
      coded[c] = true;
      for (const ancestor of categories[c]!.ancestors) coded[ancestor] = true;
    }
  }
  return coded;
}

/** By position in the text (matches outside it last), then codebook order: the output is stable. */
function inTextOrder(a: CueMatch, b: CueMatch): number {
  return position(a) - position(b) || a.end - b.end || a.cue.category - b.cue.category || compareText(a.text, b.text) || compareText(a.cue.cue, b.cue.cue);
}

function position(match: CueMatch): number {
  return match.start === -1 ? Number.MAX_SAFE_INTEGER : match.start;
}

function toEvidence(match: CueMatch, codebook: CompiledCodebook): Evidence {
  return {
    category: codebook.categories[match.cue.category]!.id,
    rule: match.rule,
    cue: match.cue.cue,
    text: match.text,
    start: match.start,
    end: match.end,
  };
}
