/**
 * URLs, hashtags and mentions written in a post's text. Exports rarely list them reliably, and
 * they are what calls to action point at (a petition link, a campaign hashtag, an official's handle).
 *
 * The text is searched for `http`, `www.`, `#` and `@` first and regular expressions run only
 * where those stand: running them over every character costs more than the rest of a row.
 */

export interface TextEntities {
  /** URLs as written, in order of appearance, without repeats. */
  urls: string[];
  /** Without the leading #, lower-cased, without repeats. */
  hashtags: string[];
  /** Without the leading @, lower-cased, without repeats. */
  mentions: string[];
}

/** Where a URL starts: a scheme or `www.` not glued to a preceding word. */
const URL_START = /(?<![\p{L}\p{N}_])(?:https?:\/\/|www\.)/giu;
const URL_REST = /[^\s<>"'`]*/y;
const URL_WITH_HOST = /^(?:https?:\/\/|www\.)[\p{L}\p{N}]/iu;
/** Sentence punctuation that follows a URL more often than it ends one. */
const URL_TRAILING = /[.,;:!?'")\]}>…]/;

/** The tag after `#`; it needs one character that is not a digit, as on the platforms (`#1` is no hashtag). */
const HASHTAG_BODY = /[\p{L}\p{M}\p{N}_]+/uy;
const HASHTAG_NON_DIGIT = /[\p{L}\p{M}_]/u;
/** A `#` glued to a word, to `&` (HTML entities) or to another `#` starts no hashtag. */
const HASHTAG_GLUE = /[\p{L}\p{M}\p{N}_&#]/u;
/** The handle after `@`; a trailing dot ends the sentence, not the handle. */
const MENTION_BODY = /[\p{L}\p{M}\p{N}_](?:[\p{L}\p{M}\p{N}_.]*[\p{L}\p{M}\p{N}_])?/uy;
/** An `@` glued to a word is an e-mail address, not a mention. */
const MENTION_GLUE = /[\p{L}\p{M}\p{N}_.@]/u;

export function extractTextEntities(text: string): TextEntities {
  const urlSpans: number[] = [];
  const urls = findUrls(text, urlSpans);
  return {
    urls,
    hashtags: findTagged(text, '#', HASHTAG_BODY, HASHTAG_GLUE, urlSpans, (tag) => HASHTAG_NON_DIGIT.test(tag)),
    mentions: findTagged(text, '@', MENTION_BODY, MENTION_GLUE, urlSpans, () => true),
  };
}

/** URLs in `text`; their start and end offsets are appended to `spans`. */
function findUrls(text: string, spans: number[]): string[] {
  // Made at the first URL (and for tags below, at the first tag): most posts have none.
  let urls: Set<string> | null = null;
  URL_START.lastIndex = 0;
  for (let start = URL_START.exec(text); start !== null; start = URL_START.exec(text)) {
    URL_REST.lastIndex = start.index + start[0].length;
    URL_REST.test(text);
    const end = URL_REST.lastIndex;
    const url = trimUrl(text.slice(start.index, end));
    if (URL_WITH_HOST.test(url)) (urls ??= new Set()).add(url);
    spans.push(start.index, end);
    URL_START.lastIndex = end;
  }
  return urls === null ? [] : [...urls];
}

/** Drops trailing punctuation, but keeps a `)` that closes a `(` inside the URL (Wikipedia links). */
function trimUrl(url: string): string {
  let end = url.length;
  while (end > 0 && URL_TRAILING.test(url[end - 1]!)) {
    if (url[end - 1] === ')' && count(url, '(', end) >= count(url, ')', end)) break;
    end--;
  }
  return url.slice(0, end);
}

function count(text: string, char: string, end: number): number {
  let n = 0;
  for (let i = 0; i < end; i++) if (text[i] === char) n++;
  return n;
}

/** Lower-cased names after `sigil`, outside URLs (`/#section`, `medium.com/@author`). */
function findTagged(text: string, sigil: string, body: RegExp, glue: RegExp, urlSpans: readonly number[], accept: (name: string) => boolean): string[] {
  let found: Set<string> | null = null;
  for (let at = text.indexOf(sigil); at !== -1; at = text.indexOf(sigil, at + 1)) {
    if ((at > 0 && glue.test(text[at - 1]!)) || insideSpan(at, urlSpans)) continue;
    body.lastIndex = at + 1;
    const name = body.exec(text)?.[0];
    if (name !== undefined && accept(name)) (found ??= new Set()).add(name.toLowerCase());
  }
  return found === null ? [] : [...found];
}

function insideSpan(offset: number, spans: readonly number[]): boolean {
  for (let i = 0; i < spans.length; i += 2) if (offset >= spans[i]! && offset < spans[i + 1]!) return true;
  return false;
}
