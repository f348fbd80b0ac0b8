import type { Pattern } from '../coding/pattern.js';
import type { PatternIndex } from '../coding/pattern-index.js';
import type { TokenTest } from '../coding/token-test.js';
import type { WordCache } from '../coding/word-cache.js';
import type { WordCues } from '../coding/word-cues.js';

/** A codebook ready for coding: everything that can be prepared once per codebook is. */
export interface CompiledCodebook {
  readonly id: string;
  readonly version: string;
  readonly title: string;
  readonly description: string;
  /** As in the codebook; the first is used for posts whose language is unknown. */
  readonly languages: readonly string[];
  /** In codebook order: the order of the cta_fn_<id> columns. */
  readonly functions: readonly FunctionInfo[];
  /** In codebook order: the order of the cta_<id> columns. Parents and children alike. */
  readonly categories: readonly CategoryInfo[];
  /** The matcher for each language of the codebook. */
  readonly matchers: ReadonlyMap<string, LanguageMatcher>;
  /** For posts in a language the codebook has no rules for: language-independent cues only. */
  readonly independentMatcher: LanguageMatcher;
}

export interface FunctionInfo {
  readonly id: string;
  readonly label: string;
  readonly definition: string;
}

export interface CategoryInfo {
  readonly id: string;
  readonly label: string;
  readonly definition: string;
  /** Id of the function the category belongs to: its own, or its top ancestor's. */
  readonly function: string;
  /** Id of the parent category, null for a category directly under its function. */
  readonly parent: string | null;
  /** Indices of the parent, the parent's parent and so on: coded wherever this category is. */
  readonly ancestors: readonly number[];
  readonly threshold: number;
}

/** One cue of the codebook. Its identity counts once towards the category threshold, however often it matches. */
export interface Cue {
  /** Index into CompiledCodebook.categories. */
  readonly category: number;
  /** As written in the codebook. */
  readonly cue: string;
  readonly weight: number;
}

export interface PatternCue extends Cue {
  readonly pattern: Pattern;
}

/** A cue that counts by itself: a phrase, or a stems cue (a phrase compared by stems). */
export interface TextCue extends PatternCue {
  /** What the evidence records as the rule. */
  readonly rule: 'phrase' | 'stem';
}

export interface ActionCue extends PatternCue {
  /** Frame ids under which alone the action counts; null: any frame. */
  readonly onlyWith: ReadonlySet<string> | null;
  readonly notWith: ReadonlySet<string>;
}

export interface RegexCue extends Cue {
  /** Global flag set: reset lastIndex before use. */
  readonly regex: RegExp;
}

export interface DomainCue extends Cue {
  /** Lower-case host; its subdomains match too. */
  readonly host: string;
  /** Empty, or a path the link's path starts with. */
  readonly pathPrefix: string;
}

export interface Frame {
  readonly id: string;
  readonly type: 'clause-start' | 'before-action' | 'block';
  /** Position in the codebook; breaks ties between frames of the same length. */
  readonly order: number;
  readonly atClauseStart: boolean;
  readonly filler: TokenTest;
  readonly notFollowedBy: TokenTest;
  /** A token one of which must follow the action (and becomes part of the call), or null. */
  readonly followedBy: TokenTest | null;
  /** Tokens of any kind allowed between the phrase and the action (verb-last languages). */
  readonly gap: number;
  /** Only actions whose only_with names this frame count under it. */
  readonly markedOnly: boolean;
}

export interface FramePhrase {
  readonly frame: Frame;
  readonly pattern: Pattern;
}

export interface ExclusionPhrase {
  readonly category: number;
  readonly pattern: Pattern;
}

/** Everything needed to code a post in one language, language-independent cues merged in. */
export interface LanguageMatcher {
  readonly lang: string | null;
  /** The language's cached stemmer where its cues compare stems (`~word`, stems), else null: tokens need no stems. */
  readonly stem: ((word: string) => string) | null;
  readonly lead: TokenTest;
  readonly coordinators: TokenTest;
  /** Tokens allowed between an action and the coordinator that joins the next action to it. */
  readonly coordinationGap: number;
  readonly clauseStartFrames: readonly Frame[];
  readonly framePhrases: PatternIndex<FramePhrase>;
  readonly actions: PatternIndex<ActionCue>;
  readonly phrases: PatternIndex<TextCue>;
  readonly regexCues: readonly RegexCue[];
  /** All of regexCues as one expression (no global flag), to skip them at once where none matches; null where they cannot be combined. */
  readonly anyRegex: RegExp | null;
  readonly exclusionPhrases: PatternIndex<ExclusionPhrase>;
  /** Per category index; global flag set. */
  readonly exclusionRegexes: ReadonlyMap<number, readonly RegExp[]>;
  /** By hashtag without #, lower-case. */
  readonly hashtags: ReadonlyMap<string, readonly Cue[]>;
  readonly hashtagPrefixes: readonly { readonly prefix: string; readonly cue: Cue }[];
  /** By host. */
  readonly domains: ReadonlyMap<string, readonly DomainCue[]>;
  /** By normalised emoji. */
  readonly emoji: ReadonlyMap<string, readonly Cue[]>;
  /** The cues that can start at each distinct word, filled while coding (word-cues.ts). */
  readonly wordCues: WordCache<WordCues>;
}
