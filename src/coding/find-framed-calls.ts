import type { ActionCue, Frame, LanguageMatcher } from '../codebook/compiled-codebook.js';
import type { CueMatch } from './cue-match.js';
import type { Exclusions } from './exclusions.js';
import { isGap, matchPattern, type Pattern } from './pattern.js';
import type { RegexMatch } from './regex-matches.js';
import type { Sentence } from './sentences.js';
import { isBreak, type Token } from './tokens.js';
import { actionsUnder, cuesOf, FrameTest, passesFrameTest } from './word-cues.js';

export interface FramedCalls {
  /** Actions that a frame made a call, coordinated ones included. */
  readonly matches: CueMatch[];
  /** Text spans of every frame with its actions, blocked ones included: no other cue counts inside them. */
  readonly claimed: RegexMatch[];
}

interface Context {
  readonly text: string;
  readonly tokens: readonly Token[];
  readonly matcher: LanguageMatcher;
  readonly exclusions: Exclusions;
  /** End of the current sentence: nothing is read at or past it. */
  readonly limit: number;
}

/** The longest action cues matched at one position (several only when categories tie). */
interface ActionMatch {
  readonly start: number;
  readonly end: number;
  readonly cues: readonly ActionCue[];
}

/** A frame that applies at a position, with the first action it makes a call. */
interface Call {
  readonly frame: Frame;
  /** Token where the frame's text begins: its phrase, or the clause's lead tokens. */
  readonly start: number;
  /** Tokens of the phrase or, for clause-start frames, of the action: the longest wins. */
  readonly length: number;
  readonly action: ActionMatch;
}

/**
 * Scans each sentence left to right for frames: at each position the longest frame phrase or
 * clause-start action that is followed by an action wins; coordinated actions join its chain.
 * Block frames claim their chain without counting it, so "you don't need to like or share"
 * codes nothing.
 */
export function findFramedCalls(
  text: string,
  tokens: readonly Token[],
  sentences: readonly Sentence[],
  matcher: LanguageMatcher,
  exclusions: Exclusions,
): FramedCalls {
  const found: FramedCalls = { matches: [], claimed: [] };
  for (const sentence of sentences) {
    const context: Context = { text, tokens, matcher, exclusions, limit: sentence.to };
    let clauseStart = sentence.from;
    // Whether every token since the clause start was a lead token, so a clause-start frame applies here.
    let onlyLeads = true;
    let position = sentence.from;
    while (position < sentence.to) {
      const token = tokens[position]!;
      if (token.kind === 'clause-break') {
        clauseStart = position + 1;
        onlyLeads = true;
        position++;
        continue;
      }
      const call = bestCallAt(context, position, onlyLeads ? clauseStart : -1);
      if (call === null) {
        onlyLeads &&= cuesOf(token, matcher).lead;
        position++;
        continue;
      }
      const chain = coordinatedChain(context, call);
      record(context, call, chain, found);
      position = chain[chain.length - 1]!.end;
      onlyLeads = false;
    }
  }
  return found;
}

function bestCallAt(context: Context, position: number, clauseStart: number): Call | null {
  const { tokens, matcher, limit } = context;
  let best: Call | null = null;
  const atClauseStart = clauseStart !== -1;
  if (atClauseStart) {
    for (const frame of matcher.clauseStartFrames) {
      const action = longestActionAt(context, position, frame);
      if (action !== null) best = better(best, { frame, start: clauseStart, length: action.end - position, action });
    }
  }
  const phrases = cuesOf(tokens[position]!, matcher).framePhrases;
  for (let i = 0; i < phrases.length; i++) {
    const { frame, pattern } = phrases[i]!;
    if (frame.atClauseStart && !atClauseStart) continue;
    const phraseEnd = matchPattern(pattern, tokens, position, limit);
    if (phraseEnd === -1) continue;
    const action = actionAfter(context, phraseEnd, frame, false);
    if (action !== null) best = better(best, { frame, start: position, length: phraseEnd - position, action });
  }
  return best;
}

/** The longer call; of equally long ones, the frame that comes first in the codebook. */
function better(best: Call | null, call: Call): Call {
  return best === null || call.length > best.length || (call.length === best.length && call.frame.order < best.frame.order) ? call : best;
}

/**
 * The action at `position`, or after tokens that the frame may pass over: its filler, the
 * language's coordinators where `overCoordinators`, and up to frame.gap tokens of any kind but breaks.
 */
function actionAfter(context: Context, position: number, frame: Frame, overCoordinators: boolean): ActionMatch | null {
  let gap = frame.gap;
  for (let at = position; at < context.limit; at++) {
    const action = longestActionAt(context, at, frame);
    if (action !== null) return action;
    const token = context.tokens[at]!;
    if ((overCoordinators && cuesOf(token, context.matcher).coordinator) || passesFrameTest(token, context.matcher, frame, FrameTest.filler)) continue;
    if (gap === 0 || isBreak(token)) return null;
    gap--;
  }
  return null;
}

/**
 * The longest action cues at `position` that count under `frame`: allowed with this frame, not
 * followed by a token that shows a noun use or a statement (vote *counts*, Geht *man* wählen):
 * checked after one-word actions (where a word can be either; a longer cue may well go on with
 * "de", "of") and where a gap follows the verb, not inside an exclusion. A frame with followed_by needs that token
 * (a negation) after the verb, the action's first word, or after up to frame.gap more tokens (an
 * object: "Støt dem ikke", "Steun die bedrijven niet"), and reads the rest of the cue without it:
 * "Stem ikke på …" is the cue "stem på", negated. The negation is part of the call.
 */
function longestActionAt(context: Context, position: number, frame: Frame): ActionMatch | null {
  const { tokens, limit, exclusions } = context;
  const candidates = actionsUnder(cuesOf(tokens[position]!, context.matcher), frame);
  if (candidates.length === 0) return null;
  let words = tokens;
  let wordsLimit = limit;
  let negation = -1;
  if (frame.followedBy !== null) {
    negation = negationAfter(context, position, frame);
    if (negation === -1) return null;
    words = [...tokens.slice(0, negation), ...tokens.slice(negation + 1, limit)];
    wordsLimit = limit - 1;
  }
  let end = -1;
  let cues: ActionCue[] = [];
  for (const cue of candidates) {
    const matched = matchPattern(cue.pattern, words, position, wordsLimit);
    if (matched === -1) continue;
    // Back to positions in the post, the negation included.
    const cueEnd = negation === -1 ? matched : Math.max(matched > negation ? matched + 1 : matched, negation + 1);
    if (cueEnd < end) continue;
    if (matched === position + 1 && negation === -1 && cueEnd < limit && passesFrameTest(tokens[cueEnd]!, context.matcher, frame, FrameTest.notFollowedBy)) continue;
    // A subject, an auxiliary or a negation right after the verb, where the cue lets any token
    // stand, shows a statement ("Geht man wählen" against the cue "geht ...2 wählen").
    if (afterVerbIsOpen(cue.pattern) && position + 1 < limit && position + 1 !== negation && passesFrameTest(tokens[position + 1]!, context.matcher, frame, FrameTest.notFollowedBy)) continue;
    if (exclusions.excludes(cue.category, tokens[position]!.start, tokens[cueEnd - 1]!.end)) continue;
    if (cueEnd > end) cues = [];
    end = cueEnd;
    // Of equally long cues of one category the first in the codebook stands for them.
    if (!cues.some((other) => other.category === cue.category)) cues.push(cue);
  }
  return end === -1 ? null : { start: position, end, cues };
}

/** Whether the cue leaves the token after its first word open: a gap follows it, or nothing. */
function afterVerbIsOpen(pattern: Pattern): boolean {
  const second = pattern[1];
  return second === undefined || isGap(second);
}

/** The first token that passes frame.followedBy within frame.gap tokens after the verb at `position`, no break between; -1 where none. */
function negationAfter(context: Context, position: number, frame: Frame): number {
  const last = Math.min(context.limit - 1, position + 1 + frame.gap);
  for (let at = position + 1; at <= last; at++) {
    const token = context.tokens[at]!;
    if (passesFrameTest(token, context.matcher, frame, FrameTest.followedBy)) return at;
    if (isBreak(token)) return -1;
  }
  return -1;
}

/**
 * The call's action and those joined to it by a coordinator ("like, share and subscribe", "sign
 * the petition today and share it"): a coordinator may follow the action's object by up to
 * coordinationGap tokens; filler and further coordinators may stand between it and the next action.
 */
function coordinatedChain(context: Context, call: Call): ActionMatch[] {
  const { tokens, matcher, limit } = context;
  const chain = [call.action];
  for (let last = call.action; ; ) {
    const reach = Math.min(limit, last.end + matcher.coordinationGap + 1);
    let coordinator = last.end;
    while (coordinator < reach && !cuesOf(tokens[coordinator]!, matcher).coordinator) {
      if (tokens[coordinator]!.kind === 'clause-break') return chain;
      coordinator++;
    }
    if (coordinator === reach) return chain;
    const next = actionAfter(context, coordinator + 1, call.frame, true);
    if (next === null) return chain;
    chain.push(next);
    last = next;
  }
}

function record(context: Context, call: Call, chain: readonly ActionMatch[], found: FramedCalls): void {
  const { tokens, text } = context;
  const start = tokens[call.start]!.start;
  const chainEnd = tokens[chain[chain.length - 1]!.end - 1]!.end;
  found.claimed.push({ start, end: chainEnd });
  if (call.frame.type === 'block') return;
  for (const action of chain) {
    const end = tokens[action.end - 1]!.end;
    for (const cue of action.cues) found.matches.push({ cue, rule: call.frame.id, text: text.slice(start, end), start, end });
  }
}
