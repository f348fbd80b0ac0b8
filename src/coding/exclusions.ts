import type { LanguageMatcher } from '../codebook/compiled-codebook.js';
import { matchPattern } from './pattern.js';
import { regexMatches, type RegexMatch } from './regex-matches.js';
import type { Sentence } from './sentences.js';
import type { Token } from './tokens.js';
import { cuesOf } from './word-cues.js';

type Span = RegexMatch;

/**
 * Answers "is this span of category c an excluded use?" for one post. Exclusions are found only
 * for the categories that have a candidate cue, and once per category.
 */
export class Exclusions {
  /** By category index; made at the first question, since most posts are asked none. */
  private byCategory: Map<number, readonly Span[]> | null = null;

  constructor(
    private readonly matcher: LanguageMatcher,
    private readonly text: string,
    private readonly tokens: readonly Token[],
    private readonly sentences: readonly Sentence[],
  ) {}

  /** Whether an exclusion of the category overlaps the UTF-16 span [start, end). */
  excludes(category: number, start: number, end: number): boolean {
    return this.spansOf(category).some((span) => span.start < end && start < span.end);
  }

  private spansOf(category: number): readonly Span[] {
    this.byCategory ??= new Map();
    let spans = this.byCategory.get(category);
    if (spans === undefined) {
      spans = [...this.phraseSpans(category), ...this.regexSpans(category)];
      this.byCategory.set(category, spans);
    }
    return spans;
  }

  private phraseSpans(category: number): Span[] {
    const spans: Span[] = [];
    for (const { from, to } of this.sentences) {
      for (let i = from; i < to; i++) {
        for (const exclusion of cuesOf(this.tokens[i]!, this.matcher).exclusionPhrases) {
          if (exclusion.category !== category) continue;
          const end = matchPattern(exclusion.pattern, this.tokens, i, to);
          if (end !== -1) spans.push({ start: this.tokens[i]!.start, end: this.tokens[end - 1]!.end });
        }
      }
    }
    return spans;
  }

  private regexSpans(category: number): Span[] {
    return (this.matcher.exclusionRegexes.get(category) ?? []).flatMap((regex) => regexMatches(regex, this.text));
  }
}
