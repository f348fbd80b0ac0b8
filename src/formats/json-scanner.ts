/**
 * A streaming JSON scanner for export documents of any size (a Telegram `result.json` of several
 * gigabytes): it walks the document's structure chunk by chunk and hands over the **items**, the
 * values at paths the caller selects (`messages[]`, `data.videos[]`, `chats.list[].messages[]`),
 * each as its raw text with the line it starts on. Only the item being read is held in memory.
 *
 * Items are parsed by `parseJsonLossless`, which keeps integers too long for a double (19-digit
 * tweet, TikTok and Mastodon ids written as JSON numbers) as their exact digits, as strings.
 *
 * Outside items the scanner is a strict tokenizer; a syntax error there ends the document (the
 * rest cannot be placed) and is reported once, with its line. Inside an item it only tracks
 * brackets and strings: a broken item is found when the item is parsed, and costs that item only.
 */

export type PathPart = string | number;

/** A scalar value outside items: a string, the text of a number, a boolean or null. */
export type ScalarValue = string | boolean | null;

export type ScanEvent =
  | {
      kind: 'item';
      /** Line (1-based) the item's first character stands on. */
      line: number;
      raw: string;
      /** Where the item is, e.g. `['chats', 'list', 3, 'messages', 17]`. */
      path: readonly PathPart[];
      /** Scalar members of the objects enclosing the item, read before it; the innermost wins. */
      context: Readonly<Record<string, ScalarValue>>;
    }
  | { kind: 'error'; line: number; message: string; raw: string };

export interface ScanOptions {
  /** Whether the value at `path` is an item, to be handed over whole. */
  isItem(path: readonly PathPart[]): boolean;
  /** Sees every value outside items as it starts: containers with `undefined`, scalars with their value. */
  observe?(path: readonly PathPart[], value: ScalarValue | undefined, line: number): void;
  /** Longest item accepted, in characters; longer ones are reported as errors and skipped. */
  maxItemChars?: number;
}

/** Longest item by default: far above any real post, far below the memory of a worker. */
export const MAX_ITEM_CHARS = 32 * 1024 * 1024;
const MAX_CONTEXT_CHARS = 1000;
const SNIPPET_CHARS = 200;

const enum C {
  Tab = 9,
  Lf = 10,
  Cr = 13,
  Space = 32,
  Quote = 34,
  Comma = 44,
  Minus = 45,
  Colon = 58,
  OpenBracket = 91,
  Backslash = 92,
  CloseBracket = 93,
  OpenBrace = 123,
  CloseBrace = 125,
}

type Expect = 'value' | 'valueOrEnd' | 'commaOrEnd' | 'keyOrEnd' | 'key' | 'colon';

interface Frame {
  container: 'object' | 'array' | 'root';
  expect: Expect;
  key: string | null;
  index: number;
  scalars: Record<string, ScalarValue> | null;
}

interface Capture {
  parts: string[];
  chars: number;
  depth: number;
  inString: boolean;
  escape: boolean;
  /** A string or literal item (not an object or array). */
  scalar: 'string' | 'literal' | null;
  line: number;
  path: PathPart[];
  context: Record<string, ScalarValue>;
  tooLong: boolean;
}

const LITERAL = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/;
const LITERAL_CHAR = /[0-9a-zA-Z.+-]/;

export class JsonScanner {
  readonly #options: ScanOptions;
  readonly #maxItemChars: number;
  #buffer = '';
  #line = 1;
  /** Frames from the root (a sequence of top-level values) inwards. */
  readonly #stack: Frame[] = [{ container: 'root', expect: 'value', key: null, index: 0, scalars: null }];
  #capture: Capture | null = null;
  #broken = false;
  #events: ScanEvent[] = [];
  /** Lines on which top-level values start. */
  readonly topLevelStarts: number[] = [];
  /** Line on which the first top-level value ended, once it has. */
  firstValueEndLine: number | null = null;

  constructor(options: ScanOptions) {
    this.#options = options;
    this.#maxItemChars = options.maxItemChars ?? MAX_ITEM_CHARS;
  }

  /** Whether the input so far holds a syntax error outside items. */
  get broken(): boolean {
    return this.#broken;
  }

  /** Whether every value begun so far has ended (a whole document or sequence of them). */
  get complete(): boolean {
    return !this.#broken && this.#capture === null && this.#stack.length === 1 && this.#buffer.trim() === '';
  }

  write(chunk: string): ScanEvent[] {
    this.#buffer += chunk;
    this.#run(false);
    return this.#take();
  }

  end(): ScanEvent[] {
    this.#run(true);
    if (!this.#broken) {
      const capture = this.#capture;
      if (capture !== null) {
        this.#capture = null;
        const raw = capture.parts.join('');
        this.#events.push({ kind: 'error', line: capture.line, message: 'the file ends inside this item: it was cut off', raw: snippet(raw) });
      } else if (this.#stack.length > 1) {
        this.#fail(this.#line, 'the file ends before the JSON document is complete: it was probably cut off, and whatever followed is missing', '');
      }
    }
    return this.#take();
  }

  #take(): ScanEvent[] {
    const events = this.#events;
    this.#events = [];
    return events;
  }

  #fail(line: number, message: string, raw: string): void {
    this.#broken = true;
    this.#buffer = '';
    this.#capture = null;
    this.#events.push({ kind: 'error', line, message, raw: snippet(raw) });
  }

  #run(final: boolean): void {
    if (this.#broken) {
      this.#buffer = '';
      return;
    }
    const text = this.#buffer;
    let at = 0;
    const length = text.length;
    while (at < length) {
      if (this.#capture !== null) {
        at = this.#captureFrom(text, at, final);
        if (this.#capture !== null) break; // needs more input
        continue;
      }
      const code = text.charCodeAt(at);
      if (code === C.Lf) {
        this.#line++;
        at++;
        continue;
      }
      if (code === C.Space || code === C.Tab || code === C.Cr || code === 0xfeff) {
        at++;
        continue;
      }
      const next = this.#token(text, at, final);
      if (next === -1) break; // an incomplete token: wait for more
      at = next;
      if (this.#broken) return;
    }
    this.#buffer = text.slice(at);
  }

  /** Reads the token at `at`; returns where the next begins, or -1 when the token runs past the input. */
  #token(text: string, at: number, final: boolean): number {
    const frame = this.#stack[this.#stack.length - 1]!;
    const code = text.charCodeAt(at);
    switch (frame.expect) {
      case 'commaOrEnd':
        if (code === C.Comma && frame.container !== 'root') {
          frame.expect = frame.container === 'object' ? 'key' : 'value';
          if (frame.container === 'array') frame.index++;
          return at + 1;
        }
        if ((code === C.CloseBrace && frame.container === 'object') || (code === C.CloseBracket && frame.container === 'array')) return this.#close(at);
        return this.#unexpected(text, at, frame.container === 'object' ? 'a comma or }' : 'a comma or ]');
      case 'keyOrEnd':
      case 'key': {
        if (code === C.CloseBrace && frame.expect === 'keyOrEnd') return this.#close(at);
        if (code !== C.Quote) return this.#unexpected(text, at, 'a quoted key');
        const end = stringEnd(text, at + 1);
        if (end === -1) return this.#incomplete(text, at, final);
        const key = decodeString(text.slice(at, end + 1));
        if (key === undefined) return this.#unexpected(text, at, 'a valid string');
        frame.key = key;
        frame.expect = 'colon';
        return this.#skipLines(text, at, end + 1);
      }
      case 'colon':
        if (code !== C.Colon) return this.#unexpected(text, at, 'a colon');
        frame.expect = 'value';
        return at + 1;
      case 'valueOrEnd':
        if (code === C.CloseBracket) return this.#close(at);
        return this.#value(text, at, final, frame);
      case 'value':
        return this.#value(text, at, final, frame);
    }
  }

  #value(text: string, at: number, final: boolean, frame: Frame): number {
    const code = text.charCodeAt(at);
    if (frame.container === 'root') {
      if (code !== C.OpenBrace && code !== C.OpenBracket && code !== C.Quote && !LITERAL_CHAR.test(text[at]!)) return this.#unexpected(text, at, 'a JSON value');
      this.topLevelStarts.push(this.#line);
    }
    const path = this.#pathOf(frame);
    if (this.#options.isItem(path)) {
      this.#capture = {
        parts: [], chars: 0, depth: 0, inString: false, escape: false,
        scalar: code === C.Quote ? 'string' : code === C.OpenBrace || code === C.OpenBracket ? null : 'literal',
        line: this.#line, path, context: this.#context(), tooLong: false,
      };
      return at;
    }
    if (code === C.OpenBrace || code === C.OpenBracket) {
      this.#options.observe?.(path, undefined, this.#line);
      const isObject = code === C.OpenBrace;
      this.#stack.push({ container: isObject ? 'object' : 'array', expect: isObject ? 'keyOrEnd' : 'valueOrEnd', key: null, index: 0, scalars: isObject ? {} : null });
      return at + 1;
    }
    if (code === C.Quote) {
      const end = stringEnd(text, at + 1);
      if (end === -1) return this.#incomplete(text, at, final);
      const raw = text.slice(at, end + 1);
      const value = decodeString(raw);
      if (value === undefined) return this.#unexpected(text, at, 'a valid string');
      this.#scalar(frame, path, value.length > MAX_CONTEXT_CHARS ? value.slice(0, MAX_CONTEXT_CHARS) : value);
      return this.#skipLines(text, at, end + 1);
    }
    let end = at;
    while (end < text.length && LITERAL_CHAR.test(text[end]!)) end++;
    if (end === text.length && !final) return this.#incomplete(text, at, final);
    const literal = text.slice(at, end);
    const match = LITERAL.exec(literal);
    if (match === null || match[0].length !== literal.length) return this.#unexpected(text, at, 'a JSON value');
    this.#scalar(frame, path, literal === 'true' ? true : literal === 'false' ? false : literal === 'null' ? null : literal);
    return end;
  }

  #scalar(frame: Frame, path: PathPart[], value: ScalarValue): void {
    this.#options.observe?.(path, value, this.#line);
    if (frame.scalars !== null && frame.key !== null) frame.scalars[frame.key] = value;
    this.#valueDone(frame);
  }

  #valueDone(frame: Frame): void {
    if (frame.container === 'root') {
      if (this.firstValueEndLine === null) this.firstValueEndLine = this.#line;
      frame.expect = 'value';
      frame.index++;
    } else {
      frame.expect = 'commaOrEnd';
    }
  }

  #close(at: number): number {
    this.#stack.pop();
    this.#valueDone(this.#stack[this.#stack.length - 1]!);
    return at + 1;
  }

  #pathOf(frame: Frame): PathPart[] {
    const path: PathPart[] = [];
    for (let i = 1; i < this.#stack.length; i++) {
      const parent = this.#stack[i - 1]!;
      if (parent.container === 'object') path.push(parent.key!);
      else if (parent.container === 'array') path.push(parent.index);
    }
    if (frame.container === 'object') path.push(frame.key!);
    else if (frame.container === 'array') path.push(frame.index);
    return path;
  }

  #context(): Record<string, ScalarValue> {
    const context: Record<string, ScalarValue> = {};
    for (const frame of this.#stack) if (frame.scalars !== null) Object.assign(context, frame.scalars);
    return context;
  }

  #incomplete(text: string, at: number, final: boolean): number {
    if (final) {
      this.#fail(this.#line, 'the file ends inside a value: it was probably cut off', text.slice(at));
      return text.length;
    }
    return -1;
  }

  #unexpected(text: string, at: number, wanted: string): number {
    const found = text[at] === undefined ? 'the end of the file' : JSON.stringify(text.slice(at, at + 20));
    this.#fail(this.#line, `JSON syntax error: expected ${wanted}, found ${found}; the rest of the file from this line cannot be read`, text.slice(at));
    return text.length;
  }

  #skipLines(text: string, from: number, to: number): number {
    for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) this.#line++;
    return to;
  }

  /** Continues the item being captured; returns where reading stopped. */
  #captureFrom(text: string, at: number, final: boolean): number {
    const capture = this.#capture!;
    let i = at;
    let done = false;
    const length = text.length;
    if (capture.scalar === 'literal') {
      while (i < length && LITERAL_CHAR.test(text[i]!)) i++;
      done = i < length || final;
    } else {
      let { depth, inString, escape } = capture;
      const scalarString = capture.scalar === 'string';
      // Inside strings, jump to the next quote or backslash with indexOf (most of an item is
      // text); the positions found are kept, so each search covers the chunk once.
      let nextQuote = -1;
      let nextBackslash = -1;
      let nextLf = -1;
      const after = (found: number): number => (found === -1 ? length : found);
      for (; i < length; i++) {
        if (inString) {
          if (escape) {
            escape = false;
            if (text.charCodeAt(i) === C.Lf) this.#line++;
            continue;
          }
          if (nextQuote < i) nextQuote = after(text.indexOf('"', i));
          if (nextBackslash < i) nextBackslash = after(text.indexOf('\\', i));
          const stop = nextQuote < nextBackslash ? nextQuote : nextBackslash;
          // A raw line break inside a string is invalid JSON, but the lines after it must still count.
          for (;;) {
            if (nextLf < i) nextLf = after(text.indexOf('\n', i));
            if (nextLf >= stop) break;
            this.#line++;
            i = nextLf + 1;
          }
          i = stop;
          if (i >= length) break;
          if (i === nextBackslash) {
            escape = true;
            continue;
          }
          inString = false;
          if (scalarString) {
            i++;
            done = true;
            break;
          }
          continue;
        }
        const code = text.charCodeAt(i);
        if (code === C.Quote) inString = true;
        else if (code === C.OpenBrace || code === C.OpenBracket) depth++;
        else if (code === C.CloseBrace || code === C.CloseBracket) {
          depth--;
          if (depth === 0) {
            i++;
            done = true;
            break;
          }
        } else if (code === C.Lf) this.#line++;
      }
      capture.depth = depth;
      capture.inString = inString;
      capture.escape = escape;
    }
    if (!capture.tooLong) {
      capture.parts.push(text.slice(at, i));
      capture.chars += i - at;
      if (capture.chars > this.#maxItemChars) {
        capture.tooLong = true;
        capture.parts = [capture.parts.join('').slice(0, SNIPPET_CHARS)];
      }
    }
    if (!done) return i;
    this.#capture = null;
    const frame = this.#stack[this.#stack.length - 1]!;
    if (capture.tooLong) {
      this.#events.push({ kind: 'error', line: capture.line, message: `the item is longer than ${this.#maxItemChars} characters, which no post is: skipped`, raw: capture.parts[0]! });
    } else {
      this.#events.push({ kind: 'item', line: capture.line, raw: capture.parts.join(''), path: capture.path, context: capture.context });
    }
    this.#valueDone(frame);
    return i;
  }
}

/** Index of the quote closing the string whose content starts at `from`, or -1 if the text ends first. */
function stringEnd(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === C.Backslash) i++;
    else if (code === C.Quote) return i;
  }
  return -1;
}

function decodeString(raw: string): string | undefined {
  try {
    return JSON.parse(raw) as string;
  } catch {
    return undefined;
  }
}

function snippet(raw: string): string {
  return raw.length > SNIPPET_CHARS * 50 ? `${raw.slice(0, SNIPPET_CHARS * 50)}…` : raw;
}

/** Integer literals of 16 digits or more, which a double may not hold exactly. */
const LONG_INTEGER = /\d{16}/;

/**
 * JSON.parse, except that integer numbers of 16 digits or more come back as strings of their
 * exact digits (`7678907398077074696`, not `7678907398077074000`). Exports write ids that way;
 * no count or timestamp has 16 digits. Throws SyntaxError like JSON.parse.
 */
export function parseJsonLossless(text: string): unknown {
  if (!LONG_INTEGER.test(text)) return JSON.parse(text);
  return JSON.parse(quoteLongIntegers(text));
}

/** The text with every integer literal of ≥ 16 digits outside strings wrapped in quotes. */
export function quoteLongIntegers(text: string): string {
  let out = '';
  let copied = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === C.Backslash) i++;
      else if (code === C.Quote) inString = false;
      continue;
    }
    if (code === C.Quote) {
      inString = true;
      continue;
    }
    if ((code >= 48 && code <= 57) || code === C.Minus) {
      let end = i + 1;
      while (end < text.length && LITERAL_CHAR.test(text[end]!)) end++;
      const literal = text.slice(i, end);
      if (/^-?\d{16,}$/.test(literal)) {
        out += `${text.slice(copied, i)}"${literal}"`;
        copied = end;
      }
      i = end - 1;
    }
  }
  return copied === 0 ? text : out + text.slice(copied);
}
