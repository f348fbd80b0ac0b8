/**
 * Splits a post into tokens with their UTF-16 offsets, so that every match can be shown as it
 * stands in the post. One regular expression defines the tokens; plain words and punctuation,
 * most of every post, are read by a scanner that finds exactly what the expression would (see
 * plainTokenEnd), and the expression reads the rest where it stands.
 */
import type { LanguageScores } from './detect-language.js';
import type { WordCues } from './word-cues.js';
import { SpanCache, spanHash } from './span-cache.js';
import { WordCache } from './word-cache.js';

export type TokenKind =
  | 'url'
  | 'email'
  | 'mention'
  | 'hashtag'
  | 'emoji'
  | 'number'
  | 'word'
  | 'sentence-break'
  | 'clause-break'
  | 'symbol';

export interface Token {
  /** The token as it stands in the post. */
  readonly text: string;
  /**
   * Stem of the norm in the post's language, for stem cues; set by codePost for word tokens when
   * the language's cues use stems, else empty.
   */
  stem: string;
  /** What cues are compared with: lower-case, typographic apostrophes as ', emoji without variation selectors or skin tones. */
  readonly norm: string;
  readonly kind: TokenKind;
  /** UTF-16 offsets into the post text. */
  readonly start: number;
  readonly end: number;
  /** Shared by every occurrence of the same string: what is computed once per distinct word. */
  readonly shared: SharedToken;
  /** What the cues of the post's language find at this word; set by codePost, null before. */
  cues: WordCues | null;
}

/** Slots filled on first use, for every occurrence of one distinct token string. */
export interface SharedToken {
  languageScores: LanguageScores | undefined;
  /** The cues that can start at the word, per language matcher (few: one per codebook language). */
  cues: WordCues[];
}

const urlEnd = String.raw`[^\s<>"“”.,;:!?'’)\]}…]`;
const urlBody = String.raw`[^\s<>"“”]*`;
const hostLabel = String.raw`[a-z0-9](?:[a-z0-9-]*[a-z0-9])?`;
// A bare host counts as a link only with a path or a common top-level domain, so that a missing
// space after a full stop ("voted.Now") is not read as a link.
const commonTld = 'com|org|net|edu|gov|int|eu|uk|de|dk|es|fr|nl|be|at|ch|it|se|no|fi|pl|pt|ie|us|ca|au|io|co|me|ly|ee|ai|app|link|info|tv|gl|gd|to|bit';

/** Alternatives in priority order; their position is the kind's group number. */
export const alternatives: ReadonlyArray<readonly [TokenKind, string]> = [
  // Plain words first, because most tokens are: this alternative gives way (to a link, an address
  // or an abbreviation below) only where the word goes on with . @ or ://, and is then tried again last.
  ['word', String.raw`\p{L}[\p{L}\p{M}\p{N}]*(?:['’ʼ\-][\p{L}\p{M}\p{N}]+)*(?![\p{L}\p{M}\p{N}]|['’ʼ\-][\p{L}\p{M}\p{N}]|[.@][\p{L}\p{N}]|:\/\/)`],
  ['url', String.raw`(?:https?:\/\/|www\.)${urlBody}${urlEnd}`],
  ['url', String.raw`(?<![\p{L}\p{N}@.])${hostLabel}(?:\.${hostLabel})*\.(?:(?:[a-z]{2,})\/(?:${urlBody}${urlEnd})?|(?:${commonTld})(?![\p{L}\p{N}]))`],
  ['email', String.raw`[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+`],
  ['emoji', String.raw`\p{RI}\p{RI}|[#*0-9]\uFE0F?\u20E3|\p{Extended_Pictographic}(?:\uFE0F|\p{EMod}|\u200D\p{Extended_Pictographic}\uFE0F?)*`],
  ['mention', String.raw`@[\p{L}\p{N}_](?:[\p{L}\p{N}_.]*[\p{L}\p{N}_])?`],
  ['hashtag', String.raw`#[\p{L}\p{M}\p{N}_]+`],
  ['number', String.raw`\p{Nd}+(?:[.,:\/]\p{Nd}+)*\p{L}*`],
  // Abbreviations (e.g., U.S.) before words, so that their dots do not end a sentence.
  ['word', String.raw`\p{L}(?:\.\p{L})+\.?`],
  ['word', String.raw`[\p{L}\p{M}\p{N}]+(?:['’ʼ\-][\p{L}\p{M}\p{N}]+)*`],
  ['sentence-break', String.raw`[.!?;:…¡¿|•·\n]+`],
  ['clause-break', String.raw`[,()\[\]{}–—]|(?<!\S)-+(?!\S)`],
  ['symbol', String.raw`\S`],
];

// Leading white space (line breaks aside: they end sentences) is matched outside the groups, so
// that a search never tries every alternative at a space (twice as fast on typical posts).
export const tokenSource = (group: '(' | '(?:') => `[^\\S\\n]*(?:${alternatives.map(([, source]) => `${group}${source})`).join('|')})`;

/** The token expression, anchored: where it stands, its match is the next token, leading white space included. */
const tokenPattern = new RegExp(tokenSource('(?:'), 'uy');
/** The same expression with a group per alternative, to find which alternative matched a string where it stands. */
const stickyPattern = new RegExp(tokenSource('('), 'uy');

const apostrophes = /[’ʼ]/g;
// Variation selectors and skin tones do not change what an emoji cue means.
const emojiModifiers = /\uFE0F|\p{EMod}/gu;
const nonAscii = /[^\p{ASCII}]/u;

/** The form cues are compared with. Cue words go through the same function, so both sides agree. */
export function normaliseToken(text: string, kind: TokenKind): string {
  if (kind === 'emoji') return text.replace(emojiModifiers, '');
  const lower = text.toLowerCase();
  if (!nonAscii.test(lower)) return lower;
  return lower.replace(apostrophes, "'").normalize('NFC');
}

/** What a matched string (leading white space included) is, wherever it stands. */
interface Shape {
  readonly kind: TokenKind;
  /** Length of the leading white space. */
  readonly lead: number;
  readonly text: string;
  readonly norm: string;
  readonly shared: SharedToken;
}

/*
 * Kinds whose alternatives have no look-around that reaches past the string: the same string is
 * the same token in any context. Links (look-behind) and dashes (a lone - is a clause break only
 * between spaces) are classified where they stand, every time.
 */
const contextFree: ReadonlySet<TokenKind> = new Set(['word', 'number', 'mention', 'hashtag', 'emoji', 'sentence-break']);
const shapes = new WordCache<Shape>(100_000);

function shapeAt(text: string, start: number, matched: string): Shape {
  const cached = shapes.get(matched);
  if (cached !== undefined) return cached;
  stickyPattern.lastIndex = start;
  const match = stickyPattern.exec(text);
  let group = 1;
  while (match !== null && match[group] === undefined) group++;
  const kind = match === null ? 'symbol' : alternatives[group - 1]![0];
  const tokenText = match?.[group] ?? matched.trimStart();
  const shape: Shape = { kind, lead: matched.length - tokenText.length, text: tokenText, norm: normaliseToken(tokenText, kind), shared: { languageScores: undefined, cues: [] } };
  if (contextFree.has(kind)) shapes.set(matched, shape);
  return shape;
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let position = 0;
  while (position < text.length) {
    let start = position;
    while (isLeadSpace(text.charCodeAt(start))) start++;
    if (start === text.length) break;
    let end = plainTokenEnd(text, start);
    let shape: Shape;
    if (end !== -1) {
      shape = plainShape(text, start, end);
    } else {
      tokenPattern.lastIndex = position;
      // Cannot fail: the last alternative takes any character but white space.
      if (!tokenPattern.test(text)) break;
      end = tokenPattern.lastIndex;
      shape = shapeAt(text, position, text.slice(position, end));
      start = position + shape.lead;
    }
    tokens.push({ text: shape.text, norm: shape.norm, kind: shape.kind, start, end, stem: '', shared: shape.shared, cues: null });
    position = end;
  }
  return tokens;
}

/*
 * The scanner's character classes, per UTF-16 code unit, found with the expression's own Unicode
 * classes on first sight and kept. Surrogates (characters outside the BMP) are left to the expression.
 */
const unclassified = 0;
const letter = 1;
const markOrNumber = 2;
const surrogate = 3;
const other = 4;
const charClasses = new Uint8Array(0x10000);
const isLetter = /\p{L}/u;
const isMarkOrNumber = /[\p{M}\p{N}]/u;

function classAt(text: string, i: number): number {
  if (i >= text.length) return other;
  const code = text.charCodeAt(i);
  let c = charClasses[code]!;
  if (c === unclassified) {
    const char = String.fromCharCode(code);
    c = code >= 0xd800 && code <= 0xdfff ? surrogate : isLetter.test(char) ? letter : isMarkOrNumber.test(char) ? markOrNumber : other;
    charClasses[code] = c;
  }
  return c;
}

/** White space but line breaks: what the expression skips before a token (`[^\S\n]`). */
function isLeadSpace(code: number): boolean {
  if (code < 0x80) return code === 32 || (code >= 9 && code <= 13 && code !== 10);
  return code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}

/** ' ’ ʼ - inside a word. */
function isJoiner(code: number): boolean {
  return code === 39 || code === 0x2019 || code === 0x2bc || code === 45;
}

/** The sentence-break alternative's characters: . ! ? ; : … ¡ ¿ | • · and line breaks. */
function isSentenceBreak(code: number): boolean {
  switch (code) {
    case 46: case 33: case 63: case 59: case 58: case 0x2026: case 0xa1: case 0xbf: case 124: case 0x2022: case 0xb7: case 10:
      return true;
    default:
      return false;
  }
}

/** The clause-break alternative's single characters: , ( ) [ ] { } – — */
function isClauseBreakChar(code: number): boolean {
  switch (code) {
    case 44: case 40: case 41: case 91: case 93: case 123: case 125: case 0x2013: case 0x2014:
      return true;
    default:
      return false;
  }
}

/**
 * End of the token at `start` where it is a plain word, a run of sentence-break characters or a
 * single clause-break character, exactly as the expression would find it; -1 for anything else
 * and wherever the scanner cannot be sure (the expression then decides).
 */
function plainTokenEnd(text: string, start: number): number {
  const first = classAt(text, start);
  if (first === letter) return plainWordEnd(text, start);
  const code = text.charCodeAt(start);
  if (isSentenceBreak(code)) {
    // Only an address can start with a full stop: the expression tries it first.
    if (code === 46 && mayBeAddress(text, start)) return -1;
    let end = start + 1;
    while (isSentenceBreak(text.charCodeAt(end))) end++;
    return end;
  }
  // No earlier alternative starts with any of these.
  return isClauseBreakChar(code) ? start + 1 : -1;
}

/**
 * The first alternative: a letter, letters, marks and numbers, joined by apostrophes and hyphens,
 * taken greedily. Its look-ahead sees what follows the longest such run; where it fails, every
 * shorter run fails too (a word character or a joined one follows), so the word is the longest
 * run or nothing.
 */
function plainWordEnd(text: string, start: number): number {
  let end = start + 1;
  for (;;) {
    let c = classAt(text, end);
    while (c === letter || c === markOrNumber) c = classAt(text, ++end);
    if (!isJoiner(text.charCodeAt(end))) break;
    const joined = classAt(text, end + 1);
    if (joined !== letter && joined !== markOrNumber) break;
    end += 2;
  }
  const next = text.charCodeAt(end);
  const after = classAt(text, end + 1);
  if (classAt(text, end) === surrogate) return -1;
  if (isJoiner(next) && after === surrogate) return -1;
  // A link or an address goes on (voted.Now, me@x.org; marks count here too, to be safe).
  if ((next === 46 || next === 64) && after !== other) return -1;
  if (next === 58 && text.startsWith('://', end)) return -1;
  return end;
}

/** Whether an address (`[\p{L}\p{N}._%+-]+@`) may start here: its characters lead to an @. */
function mayBeAddress(text: string, start: number): boolean {
  let i = start;
  for (;;) {
    const code = text.charCodeAt(i);
    if (code === 46 || code === 95 || code === 37 || code === 43 || code === 45) {
      i++;
      continue;
    }
    const c = classAt(text, i);
    if (c === surrogate) return true;
    if (c !== letter && c !== markOrNumber) return code === 64;
    i++;
  }
}

/** Shapes of plain tokens, by their text: the same text is the same token wherever it stands. */
const plainShapes = new SpanCache<Shape>(1 << 16);

function plainShape(text: string, start: number, end: number): Shape {
  const hash = spanHash(text, start, end);
  let shape = plainShapes.get(text, start, end, hash);
  if (shape === undefined) {
    const tokenText = text.slice(start, end);
    const first = tokenText.charCodeAt(0);
    const kind: TokenKind = isSentenceBreak(first) ? 'sentence-break' : isClauseBreakChar(first) ? 'clause-break' : 'word';
    shape = { kind, lead: 0, text: tokenText, norm: normaliseToken(tokenText, kind), shared: { languageScores: undefined, cues: [] } };
    plainShapes.set(tokenText, hash, shape);
  }
  return shape;
}

export function isBreak(token: Token): boolean {
  return token.kind === 'sentence-break' || token.kind === 'clause-break';
}
