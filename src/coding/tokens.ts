/**
 * Splits a post into tokens with their UTF-16 offsets, so that every match can be shown as it
 * stands in the post. One regular expression, one pass (natural's RegexpTokenizer); the token kind
 * is the alternative that matched, found once per distinct string.
 */
import { createRequire } from 'node:module';
import type { LanguageScores } from './detect-language.js';
import type { WordCues } from './word-cues.js';
import { detached } from '../runtime/detached-string.js';
import { WordCache } from './word-cache.js';

interface RegexpTokenizerClass {
  new (options: { pattern: RegExp; gaps: boolean }): { tokenize(text: string): string[] | null };
}
// natural's own submodule: importing `natural` whole loads every model and reads .env.
const { RegexpTokenizer } = createRequire(import.meta.url)('natural/lib/natural/tokenizers/regexp_tokenizer.js') as {
  RegexpTokenizer: RegexpTokenizerClass;
};

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
const alternatives: ReadonlyArray<readonly [TokenKind, string]> = [
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
const tokenSource = (group: '(' | '(?:') => `[^\\S\\n]*(?:${alternatives.map(([, source]) => `${group}${source})`).join('|')})`;

/**
 * natural's RegexpTokenizer with gaps: false returns the matched strings of the whole post in one
 * call (String.prototype.match, V8's fast path for global expressions: no match objects; without
 * capturing groups a third faster again). The strings are consecutive, leading white space
 * included, so their offsets follow by adding up their lengths; a string's kind and norm are
 * found once per distinct string.
 */
const tokenizer = new RegexpTokenizer({ pattern: new RegExp(tokenSource('(?:'), 'gu'), gaps: false });
/** The same expression with a group per alternative, anchored, to find which alternative matched a string where it stands. */
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
 * Whether a matched string is the same token wherever it stands, so that its shape can be kept.
 * Two places can make one string two kinds only through an alternative with look-around: the
 * first word alternative (whose strings the later word alternatives give the same kind), links
 * without a scheme (look-behind) and the lone dash (a clause break only between spaces, else a
 * symbol). So every word, number, mention, hashtag, emoji and sentence break is kept, and every
 * clause break and symbol without a hyphen-minus (commas, brackets, $ …), each of which otherwise
 * cost a classification, a shape and cues of its own. Links are classified where they stand,
 * every time: most are seen once, and keeping them would crowd the words out of the cache.
 */
const contextFree: ReadonlySet<TokenKind> = new Set(['word', 'number', 'mention', 'hashtag', 'emoji', 'sentence-break']);
const isContextFree = (kind: TokenKind, text: string) => contextFree.has(kind) || ((kind === 'clause-break' || kind === 'symbol') && !text.includes('-'));
const shapes = new WordCache<Shape>(100_000);

function shapeAt(text: string, start: number, matched: string): Shape {
  const cached = shapes.get(matched);
  if (cached !== undefined) return cached;
  stickyPattern.lastIndex = start;
  const match = stickyPattern.exec(text);
  let group = 1;
  while (match !== null && match[group] === undefined) group++;
  const kind = match === null ? 'symbol' : alternatives[group - 1]![0];
  const found = match?.[group] ?? matched.trimStart();
  const kept = isContextFree(kind, found);
  // A kept shape outlives the post, so its text must not be a slice of it (runtime/detached-string.ts).
  const tokenText = kept ? detached(found) : found;
  const shape: Shape = { kind, lead: matched.length - tokenText.length, text: tokenText, norm: normaliseToken(tokenText, kind), shared: { languageScores: undefined, cues: [] } };
  if (kept) shapes.set(matched, shape);
  return shape;
}

/**
 * A token where it stands: the shape of its string, which every occurrence shares, and its
 * offsets. The shape's fields are read through it rather than copied into each token: five fields
 * instead of eight make a token 24 bytes smaller, about half a kilobyte less to allocate per post of
 * the bench export (some twenty tokens each).
 */
class PlacedToken implements Token {
  stem = '';
  cues: WordCues | null = null;

  constructor(
    private readonly shape: Shape,
    readonly start: number,
    readonly end: number,
  ) {}

  get text(): string {
    return this.shape.text;
  }

  get norm(): string {
    return this.shape.norm;
  }

  get kind(): TokenKind {
    return this.shape.kind;
  }

  get shared(): SharedToken {
    return this.shape.shared;
  }
}

export function tokenize(text: string): Token[] {
  const matched = tokenizer.tokenize(text) ?? [];
  const tokens: Token[] = new Array<Token>(matched.length);
  let position = 0;
  for (let i = 0; i < matched.length; i++) {
    const string = matched[i]!;
    const shape = shapeAt(text, position, string);
    const start = position + shape.lead;
    position += string.length;
    tokens[i] = new PlacedToken(shape, start, position);
  }
  // The strings are consecutive by construction (only trailing white space is left over); the
  // check keeps every offset true should that ever not hold.
  if (text.trimEnd().length > position || (tokens.length > 0 && !text.startsWith(tokens[tokens.length - 1]!.text, tokens[tokens.length - 1]!.start))) {
    return realigned(text, matched);
  }
  return tokens;
}

/** Offsets found by searching each string after the previous one. */
function realigned(text: string, matched: readonly string[]): Token[] {
  let position = 0;
  return matched.map((string) => {
    position = text.indexOf(string, position);
    const shape = shapeAt(text, position, string);
    const start = position + shape.lead;
    position += string.length;
    return new PlacedToken(shape, start, position);
  });
}

export function isBreak(token: Token): boolean {
  return token.kind === 'sentence-break' || token.kind === 'clause-break';
}
