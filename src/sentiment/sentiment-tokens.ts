/**
 * Splits a post into what sentiment scoring looks at: words (hashtags count as their word),
 * emoji, emoticons and the breaks between clauses and sentences. Links, @mentions and numbers are
 * dropped: "@happyhour" and "bit.ly/great-deal" say nothing about the author's tone.
 *
 * A hand-written scanner, one pass over the text: a regular expression with Unicode classes and
 * look-behinds cost several times as much, and sentiment runs on every post. Character classes
 * are looked up in a table built once per code unit.
 */

import { detached } from '../runtime/detached-string.js';
import { fnv1aSeed, fnv1aStep } from '../runtime/fnv1a.js';
import { SpanCache } from './span-cache.js';
import type { InfoSlots } from './word-table.js';

export type SentimentTokenKind = 'word' | 'symbol' | 'clause-break' | 'sentence-break';

export interface SentimentToken {
  /** Lower-case, typographic apostrophes as ', emoji without variation selectors or skin tones. */
  readonly text: string;
  readonly kind: SentimentTokenKind;
  /** A word written in capitals (at least two letters) in a post that also has lower-case letters. */
  readonly shouted: boolean;
  /** Sentence breaks: how many exclamation marks the break has. */
  readonly exclamations: number;
  /** A word as read from the post: the infos of its spelling, shared by its occurrences (WordTable.infoOf); null for other tokens. */
  readonly infos: InfoSlots | null;
}

// Character classes of UTF-16 code units, worked out on first sight and kept.
const unknown = 0;
const letter = 1;
const mark = 2;
const digit = 3;
const pictograph = 4;
const other = 5;
const classes = new Uint8Array(0x10000);
const astralPictographs = new Map<number, boolean>();

const isLetter = /\p{L}/u;
const isMark = /\p{M}/u;
const isDigit = /\p{N}/u;
const isPictograph = /\p{Extended_Pictographic}/u;

function classOf(code: number): number {
  let c = classes[code]!;
  if (c !== unknown) return c;
  const char = String.fromCharCode(code);
  if (code >= 0xd800 && code <= 0xdfff) c = other;
  else if (isLetter.test(char)) c = letter;
  else if (isMark.test(char)) c = mark;
  else if (isDigit.test(char)) c = digit;
  else if (isPictograph.test(char) || (code >= 0x2600 && code <= 0x27bf) || code === 0x2b50 || code === 0x2b55) c = pictograph;
  else c = other;
  classes[code] = c;
  return c;
}

function astralPictograph(codePoint: number): boolean {
  let known = astralPictographs.get(codePoint);
  if (known === undefined) {
    known = isPictograph.test(String.fromCodePoint(codePoint));
    astralPictographs.set(codePoint, known);
  }
  return known;
}

/** . ! ? … ¡ ¿ and line breaks. */
function isSentenceBreak(code: number): boolean {
  return code === 46 || code === 33 || code === 63 || code === 0x2026 || code === 0xa1 || code === 0xbf || code === 10;
}

/** , ; : ( ) [ ] { } – — */
function isClauseBreak(code: number): boolean {
  switch (code) {
    case 44: case 59: case 58: case 40: case 41: case 91: case 93: case 123: case 125: case 0x2013: case 0x2014:
      return true;
    default:
      return false;
  }
}

/** ' ’ ʼ */
function isApostrophe(code: number): boolean {
  return code === 39 || code === 0x2019 || code === 0x2bc;
}

const hyphen = 45;
const underscore = 95;
const dot = 46;
const space = 32;
const lineBreak = 10;

/** Longest first, so that ":-)" is not read as ":-" and ")". */
const emoticons = [
  ":'-(", ":'(", '<333', '<33', ':-)', ':-(', ':-d', ':-p', ':-/', ':-*', ':-o', ';-)', 'xdd', '<3', ':)', ':(', ':]', ':[', ':d', ':p',
  ':/', ':\\', ':|', ':*', ':o', ';)', ';d', ';p', '=)', '=(', '=d', 'xd', '(:', '):',
];
/** Whether an emoticon can start with a code unit: a table, because it is asked at every token. */
const emoticonStarts = new Uint8Array(0x10000);
for (const e of emoticons) for (const start of [e.charCodeAt(0), e.toUpperCase().charCodeAt(0)]) emoticonStarts[start] = 1;

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 13 || code === 0xa0 || (code >= 0x2000 && code <= 0x200b) || code === 0x3000;
}

/** The tokens that sentiment scoring looks at, in text order. */
export function sentimentTokens(text: string): SentimentToken[] {
  const tokens: SentimentToken[] = [];
  let mixedCase: boolean | undefined;
  const n = text.length;
  let i = 0;
  while (i < n) {
    const code = text.charCodeAt(i);
    if (isSpace(code)) {
      i++;
      continue;
    }
    const atStart = i === 0 || isSpace(text.charCodeAt(i - 1)) || text.charCodeAt(i - 1) === lineBreak;

    // Links: to the next white space.
    if (((code | 0x20) === 104 || (code | 0x20) === 119) && isLink(text, i)) {
      while (i < n && !isSpace(text.charCodeAt(i)) && text.charCodeAt(i) !== lineBreak) i++;
      continue;
    }
    // @mentions
    if (code === 64) {
      i++;
      while (i < n && (isWordCode(text.charCodeAt(i)) || text.charCodeAt(i) === underscore || text.charCodeAt(i) === dot)) i++;
      continue;
    }
    // Emoticons, standing alone
    if (emoticonStarts[code] === 1 && atStart) {
      const emoticon = emoticonAt(text, i);
      if (emoticon !== undefined) {
        tokens.push({ text: emoticon, kind: 'symbol', shouted: false, exclamations: 0, infos: null });
        i += emoticon.length;
        continue;
      }
    }
    // Hashtags: their word
    if (code === 35 && i + 1 < n && (isWordCode(text.charCodeAt(i + 1)) || text.charCodeAt(i + 1) === underscore)) {
      const start = i + 1;
      let hash = fnv1aSeed;
      for (i = start; i < n; i++) {
        const unit = text.charCodeAt(i);
        if (!(isWordCode(unit) || unit === underscore)) break;
        hash = fnv1aStep(hash, unit);
      }
      tokens.push(word(text, start, i, false, hash));
      continue;
    }
    const c = classOf(code);
    if (c === letter) {
      const start = i;
      // The word's hash (span-cache.ts), built while reading it.
      let hash = fnv1aStep(fnv1aSeed, code);
      i++;
      for (;;) {
        for (; i < n; i++) {
          const unit = text.charCodeAt(i);
          if (!isWordCode(unit)) break;
          hash = fnv1aStep(hash, unit);
        }
        // An apostrophe or hyphen inside a word (don't, l'amour, e-mail)
        const joiner = text.charCodeAt(i);
        if (i + 1 < n && (isApostrophe(joiner) || joiner === hyphen) && isWordCode(text.charCodeAt(i + 1))) {
          hash = fnv1aStep(hash, joiner);
          i++;
          continue;
        }
        break;
      }
      mixedCase ??= /\p{Ll}/u.test(text);
      tokens.push(word(text, start, i, mixedCase, hash));
      continue;
    }
    if (c === digit) {
      while (i < n && isWordCode(text.charCodeAt(i))) i++;
      continue;
    }
    if (isSentenceBreak(code)) {
      let exclamations = 0;
      const start = i;
      for (; i < n; i++) {
        const next = text.charCodeAt(i);
        if (!(isSentenceBreak(next) || (next === space && i > start && i + 1 < n && isSentenceBreak(text.charCodeAt(i + 1))))) break;
        if (next === 33) exclamations++;
      }
      tokens.push({ text: text.slice(start, i), kind: 'sentence-break', shouted: false, exclamations, infos: null });
      continue;
    }
    if (isClauseBreak(code) || (code === hyphen && atStart && (i + 1 >= n || isSpace(text.charCodeAt(i + 1))))) {
      tokens.push({ text: text[i]!, kind: 'clause-break', shouted: false, exclamations: 0, infos: null });
      i++;
      continue;
    }
    if (c === pictograph) {
      tokens.push({ text: text[i]!, kind: 'symbol', shouted: false, exclamations: 0, infos: null });
      i++;
      continue;
    }
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < n) {
      const codePoint = text.codePointAt(i)!;
      if (astralPictograph(codePoint)) tokens.push({ text: text.slice(i, i + 2), kind: 'symbol', shouted: false, exclamations: 0, infos: null });
      i += 2;
      continue;
    }
    i++;
  }
  return tokens;
}

function isWordCode(code: number): boolean {
  if (code < 0x80) return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57);
  const c = classOf(code);
  return c === letter || c === mark || c === digit;
}

/** Whether the text has http://, https:// or www. at i, in any case. */
function isLink(text: string, i: number): boolean {
  return startsWithLowerCase(text, i, 'http://') || startsWithLowerCase(text, i, 'https://') || startsWithLowerCase(text, i, 'www.');
}

/** `prefix` is ASCII lower-case: only ASCII capitals lower-case to its letters. */
function startsWithLowerCase(text: string, i: number, prefix: string): boolean {
  if (i + prefix.length > text.length) return false;
  for (let j = 0; j < prefix.length; j++) {
    const code = text.charCodeAt(i + j);
    const lower = code >= 65 && code <= 90 ? code | 0x20 : code;
    if (lower !== prefix.charCodeAt(j)) return false;
  }
  return true;
}

function emoticonAt(text: string, i: number): string | undefined {
  for (const emoticon of emoticons) {
    let j = 0;
    while (j < emoticon.length && (text[i + j] ?? '').toLowerCase() === emoticon[j]) j++;
    if (j < emoticon.length) continue;
    const after = text[i + j];
    if (after === undefined || after === ' ' || after === '\n' || after === '.' || after === ',' || after === '!' || after === '?') return emoticon;
  }
  return undefined;
}

/** A word as written, read both ways: in a post with lower-case letters, and in one without. */
interface WordReadings {
  readonly calm: SentimentToken;
  /** Differs from calm only for a word in capitals, which shouts where the post has lower-case letters. */
  readonly mixedCase: SentimentToken;
}

/**
 * Readings per distinct spelling as written, so that each is lower-cased and checked for capitals
 * once; the tokens are shared and never changed. Looked up by the span of the text (SpanCache).
 */
const readings = new SpanCache<WordReadings>(1 << 17);

/** The word text[start, end), whose hash (span-cache.ts) is `hash`. */
function word(text: string, start: number, end: number, mixedCase: boolean, hash: number): SentimentToken {
  let known = readings.get(text, start, end, hash);
  if (known === undefined) {
    // The readings outlive the post: their text must not be a slice of it (runtime/detached-string.ts).
    const raw = detached(text.slice(start, end));
    known = readWord(raw);
    readings.set(raw, hash, known);
  }
  return mixedCase ? known.mixedCase : known.calm;
}

function readWord(raw: string): WordReadings {
  const lower = raw.toLowerCase();
  const text = lower.includes('’') || lower.includes('ʼ') ? lower.replace(/[’ʼ]/g, "'") : lower;
  const calm: SentimentToken = { text, kind: 'word', shouted: false, exclamations: 0, infos: [] };
  const capitals = raw.length >= 2 && raw !== lower && raw === raw.toUpperCase();
  return { calm, mixedCase: capitals ? { ...calm, shouted: true } : calm };
}
