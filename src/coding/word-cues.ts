import type { ActionCue, ExclusionPhrase, Frame, FramePhrase, LanguageMatcher, TextCue } from '../codebook/compiled-codebook.js';
import { passesTest } from './token-test.js';
import type { Token } from './tokens.js';

/** The cues of one language that can start at a word: looked up once per distinct word. */
export interface WordCues {
  /** The language matcher these are of. */
  readonly matcher: LanguageMatcher;
  readonly stem: string;
  readonly actions: readonly ActionCue[];
  /** Per frame of the language (by its order), the actions that may count under it: filled on first use (actionsUnder). */
  readonly actionsByFrame: (readonly ActionCue[] | undefined)[];
  /** Per frame of the language (by its order), which of its token tests the word passes (FrameTest bits): filled on first use (passesFrameTest). */
  readonly frameTests: (number | undefined)[];
  readonly framePhrases: readonly FramePhrase[];
  readonly phrases: readonly TextCue[];
  readonly exclusionPhrases: readonly ExclusionPhrase[];
  /** Whether the token may stand before a clause-start call (the language's lead tokens). */
  readonly lead: boolean;
  /** Whether the token joins actions (the language's coordination words). */
  readonly coordinator: boolean;
}

/**
 * Gives every token of a post the cues of the post's language that can start at it (and its stem,
 * where the language's cues compare stems). They are computed once per process and language for
 * each distinct token string (kept in its SharedToken) and, for other spellings of the same word,
 * by its norm.
 */
export function attachCues(tokens: readonly Token[], matcher: LanguageMatcher): void {
  for (const token of tokens) {
    const kept = token.shared.cues;
    let cues: WordCues | undefined;
    for (let i = 0; i < kept.length; i++) {
      if (kept[i]!.matcher === matcher) {
        cues = kept[i];
        break;
      }
    }
    if (cues === undefined) {
      const word = token.kind === 'word';
      cues = word ? matcher.wordCues.get(token.norm) : undefined;
      if (cues === undefined) {
        if (word && matcher.stem !== null) token.stem = matcher.stem(token.norm);
        cues = cuesAt(token, matcher);
        if (word) matcher.wordCues.set(token.norm, cues);
      }
      kept.push(cues);
    }
    token.stem = cues.stem;
    token.cues = cues;
  }
}

/** The token's cues in the matcher's language: those attached, or looked up now. */
export function cuesOf(token: Token, matcher: LanguageMatcher): WordCues {
  const attached = token.cues;
  return attached !== null && attached.matcher === matcher ? attached : cuesAt(token, matcher);
}

function cuesAt(token: Token, matcher: LanguageMatcher): WordCues {
  return {
    matcher,
    stem: token.stem,
    actions: matcher.actions.startingWith(token),
    actionsByFrame: [],
    frameTests: [],
    framePhrases: matcher.framePhrases.startingWith(token),
    phrases: matcher.phrases.startingWith(token),
    exclusionPhrases: matcher.exclusionPhrases.startingWith(token),
    lead: passesTest(matcher.lead, token),
    coordinator: passesTest(matcher.coordinators, token),
  };
}

/** The word's actions that the frame allows (only_with, not_with, marked_only), worked out once per word and frame. */
export function actionsUnder(cues: WordCues, frame: Frame): readonly ActionCue[] {
  if (cues.actions.length === 0) return cues.actions;
  let actions = cues.actionsByFrame[frame.order];
  if (actions === undefined) {
    actions = cues.actions.filter((cue) => (cue.onlyWith === null ? !frame.markedOnly : cue.onlyWith.has(frame.id)) && !cue.notWith.has(frame.id));
    cues.actionsByFrame[frame.order] = actions;
  }
  return actions;
}

/** A frame's token tests, as bits of WordCues.frameTests. */
export const FrameTest = { filler: 1, notFollowedBy: 2, followedBy: 4 } as const;
export type FrameTest = (typeof FrameTest)[keyof typeof FrameTest];

/**
 * Whether the token passes one of the frame's token tests. The frame scan asks this at nearly
 * every position, each time two to four set lookups; a word's answers depend on the word alone
 * (its norm, kind and stem), so they are worked out once per word and frame and kept with its cues.
 */
export function passesFrameTest(token: Token, matcher: LanguageMatcher, frame: Frame, test: FrameTest): boolean {
  const cues = cuesOf(token, matcher);
  let passed = cues.frameTests[frame.order];
  if (passed === undefined) {
    passed =
      (passesTest(frame.filler, token) ? FrameTest.filler : 0) |
      (passesTest(frame.notFollowedBy, token) ? FrameTest.notFollowedBy : 0) |
      (frame.followedBy !== null && passesTest(frame.followedBy, token) ? FrameTest.followedBy : 0);
    cues.frameTests[frame.order] = passed;
  }
  return (passed & test) !== 0;
}
