import type { LanguageMatcher, TextCue } from '../codebook/compiled-codebook.js';
import type { CueMatch } from './cue-match.js';
import type { Exclusions } from './exclusions.js';
import { matchPattern } from './pattern.js';
import { regexMatches, type RegexMatch } from './regex-matches.js';
import type { Sentence } from './sentences.js';
import type { Token } from './tokens.js';
import { cuesOf } from './word-cues.js';

/**
 * Phrases, stems and regular expressions: cues that are calls by themselves, wherever they stand.
 * They do not count inside a span that a frame claimed (the "link in bio" of "link in bio to
 * donate" is the frame, not a cue; a blocked call stays blocked) or that an exclusion of their
 * category covers. Adds the matches to `matches`.
 */
export function findTextCues(
  text: string,
  tokens: readonly Token[],
  sentences: readonly Sentence[],
  matcher: LanguageMatcher,
  exclusions: Exclusions,
  claimed: readonly RegexMatch[],
  matches: CueMatch[],
): void {
  if (matcher.phrases.size > 0) {
    for (const { from, to } of sentences) {
      for (let i = from; i < to; i++) {
        const candidates = cuesOf(tokens[i]!, matcher).phrases;
        if (candidates.length === 0) continue;
        const start = tokens[i]!.start;
        let longest = -1;
        let cues: TextCue[] = [];
        for (const cue of candidates) {
          const endToken = matchPattern(cue.pattern, tokens, i, to);
          if (endToken === -1 || endToken < longest || !isFree(claimed, exclusions, cue.category, start, tokens[endToken - 1]!.end)) continue;
          if (endToken > longest) cues = [];
          longest = endToken;
          if (!cues.some((other) => other.category === cue.category)) cues.push(cue);
        }
        if (longest === -1) continue;
        const end = tokens[longest - 1]!.end;
        for (const cue of cues) matches.push({ cue, rule: cue.rule, text: text.slice(start, end), start, end });
      }
    }
  }
  // One search for all regular expressions finds most posts without any match.
  if (matcher.regexCues.length === 0 || (matcher.anyRegex !== null && !matcher.anyRegex.test(text))) return;
  for (const cue of matcher.regexCues) {
    for (const { start, end } of regexMatches(cue.regex, text)) {
      if (isFree(claimed, exclusions, cue.category, start, end)) matches.push({ cue, rule: 'regex', text: text.slice(start, end), start, end });
    }
  }
}

function isFree(claimed: readonly RegexMatch[], exclusions: Exclusions, category: number, start: number, end: number): boolean {
  for (const span of claimed) if (span.start < end && start < span.end) return false;
  return !exclusions.excludes(category, start, end);
}
