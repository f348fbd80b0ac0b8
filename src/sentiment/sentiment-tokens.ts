/**
 * Splits a post into what sentiment scoring looks at: words (hashtags count as their word),
 * emoji, emoticons and the breaks between clauses and sentences. Links, @mentions and numbers are
 * dropped: "@happyhour" and "bit.ly/great-deal" say nothing about the author's tone.
 *
 * A hand-written scanner, one pass over the text: a regular expression with Unicode classes and
 * look-behinds cost several times as much, and sentiment runs on every post. Character classes
 * are looked up in a table built once per code unit.
 */

export type SentimentTokenKind = 'word' | 'symbol' | 'clause-break' | 'sentence-break';

export interface SentimentToken {
  /** Lower-case, typographic apostrophes as ', emoji without variation selectors or skin tones. */
  readonly text: string;
  readonly kind: SentimentTokenKind;
  /** A word written in capitals (at least two letters) in a post that also has lower-case letters. */
  readonly shouted: boolean;
  /** Sentence breaks: how many exclamation marks the break has. */
  readonly exclamations: number;
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

const sentenceBreaks = new Set(['.', '!', '?', '…', '¡', '¿', '\n']);
const clauseBreaks = new Set([',', ';', ':', '(', ')', '[', ']', '{', '}', '–', '—']);
const apostrophes = new Set(["'", '’', 'ʼ']);

/** Longest first, so that ":-)" is not read as ":-" and ")". */
const emoticons = [
  ":'-(", ":'(", '<333', '<33', ':-)', ':-(', ':-d', ':-p', ':-/', ':-*', ':-o', ';-)', 'xdd', '<3', ':)', ':(', ':]', ':[', ':d', ':p',
  ':/', ':\\', ':|', ':*', ':o', ';)', ';d', ';p', '=)', '=(', '=d', 'xd', '(:', '):',
];
const emoticonStarts = new Set(emoticons.flatMap((e) => [e.charCodeAt(0), e.toUpperCase().charCodeAt(0)]));

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
    const char = text[i]!;
    if (isSpace(code)) {
      i++;
      continue;
    }
    const atStart = i === 0 || isSpace(text.charCodeAt(i - 1)) || text.charCodeAt(i - 1) === 10;

    // Links: to the next white space.
    if ((char === 'h' || char === 'H' || char === 'w' || char === 'W') && isLink(text, i)) {
      while (i < n && !isSpace(text.charCodeAt(i)) && text[i] !== '\n') i++;
      continue;
    }
    // @mentions
    if (char === '@') {
      i++;
      while (i < n && (isWordCode(text.charCodeAt(i)) || text[i] === '_' || text[i] === '.')) i++;
      continue;
    }
    // Emoticons, standing alone
    if (emoticonStarts.has(code) && atStart) {
      const emoticon = emoticonAt(text, i);
      if (emoticon !== undefined) {
        tokens.push({ text: emoticon, kind: 'symbol', shouted: false, exclamations: 0 });
        i += emoticon.length;
        continue;
      }
    }
    // Hashtags: their word
    if (char === '#' && i + 1 < n && (isWordCode(text.charCodeAt(i + 1)) || text[i + 1] === '_')) {
      const start = i + 1;
      i = start;
      while (i < n && (isWordCode(text.charCodeAt(i)) || text[i] === '_')) i++;
      tokens.push(word(text.slice(start, i), false));
      continue;
    }
    const c = classOf(code);
    if (c === letter) {
      const start = i;
      i++;
      for (;;) {
        while (i < n && isWordCode(text.charCodeAt(i))) i++;
        // An apostrophe or hyphen inside a word (don't, l'amour, e-mail)
        if (i + 1 < n && (apostrophes.has(text[i]!) || text[i] === '-') && isWordCode(text.charCodeAt(i + 1))) {
          i++;
          continue;
        }
        break;
      }
      mixedCase ??= /\p{Ll}/u.test(text);
      tokens.push(word(text.slice(start, i), mixedCase));
      continue;
    }
    if (c === digit) {
      while (i < n && isWordCode(text.charCodeAt(i))) i++;
      continue;
    }
    if (sentenceBreaks.has(char)) {
      let exclamations = 0;
      const start = i;
      while (i < n && (sentenceBreaks.has(text[i]!) || (text[i] === ' ' && i > start && sentenceBreaks.has(text[i + 1] ?? '')))) {
        if (text[i] === '!') exclamations++;
        i++;
      }
      tokens.push({ text: text.slice(start, i), kind: 'sentence-break', shouted: false, exclamations });
      continue;
    }
    if (clauseBreaks.has(char) || (char === '-' && atStart && (i + 1 >= n || isSpace(text.charCodeAt(i + 1))))) {
      tokens.push({ text: char, kind: 'clause-break', shouted: false, exclamations: 0 });
      i++;
      continue;
    }
    if (c === pictograph) {
      tokens.push({ text: char, kind: 'symbol', shouted: false, exclamations: 0 });
      i++;
      continue;
    }
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < n) {
      const codePoint = text.codePointAt(i)!;
      if (astralPictograph(codePoint)) tokens.push({ text: text.slice(i, i + 2), kind: 'symbol', shouted: false, exclamations: 0 });
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

function isLink(text: string, i: number): boolean {
  const head = text.slice(i, i + 8).toLowerCase();
  return head.startsWith('http://') || head.startsWith('https://') || head.startsWith('www.');
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

function word(raw: string, mixedCase: boolean): SentimentToken {
  const lower = raw.toLowerCase();
  const text = lower.includes('’') || lower.includes('ʼ') ? lower.replace(/[’ʼ]/g, "'") : lower;
  const shouted = mixedCase && raw.length >= 2 && raw !== lower && raw === raw.toUpperCase();
  return { text, kind: 'word', shouted, exclamations: 0 };
}
