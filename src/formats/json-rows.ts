/**
 * JSON exports → rows. NDJSON is read line by line (a row's line is its physical line); a JSON
 * document is walked by JsonScanner, and each item's line is the line its object starts on.
 * Every item becomes one or more rows, posts or rejections; nothing is dropped silently.
 */
import { RowError } from './csv-format.js';
import { MAX_RAW_CHARS } from './csv-rows.js';
import type { RowResult } from './export-file.js';
import { pathString, type JsonItemMapper, type JsonLayout, type JsonSample } from './json-format.js';
import { JsonScanner, MAX_ITEM_CHARS, parseJsonLossless, type PathPart, type ScalarValue } from './json-scanner.js';

/** Lines of an NDJSON sample looked at to recognise the format. */
const SAMPLE_LINES = 50;
const MAX_SAMPLE_PATHS = 5000;

/**
 * The layout and key paths of a JSON export from the text of its first bytes. `wholeFile` says
 * the sample is the whole file, so that a value cut by the sample's end is not mistaken for one
 * cut by the file's.
 */
export function sampleJson(sampleText: string, wholeFile: boolean): JsonSample {
  const start = sampleText.search(/\S/);
  const firstLineEnd = sampleText.indexOf('\n', start);
  const firstLine = sampleText.slice(start, firstLineEnd === -1 ? undefined : firstLineEnd).trim();
  const layout: JsonLayout = sampleText[start] === '[' ? 'array' : firstLine === '{' ? 'object' : 'ndjson';
  const paths = new Set<string>();
  const values = new Map<string, ScalarValue>();
  const observe = (path: readonly PathPart[], value: ScalarValue | undefined): void => {
    if (paths.size >= MAX_SAMPLE_PATHS) return;
    const key = pathString(path);
    paths.add(key);
    if (value !== undefined && !values.has(key)) values.set(key, value);
  };
  if (layout === 'ndjson') {
    const lines = sampleText.split('\n');
    const complete = wholeFile ? lines.length : lines.length - 1;
    lines.slice(0, SAMPLE_LINES).forEach((line, index) => {
      if (line.trim() === '') return;
      const scanner = new JsonScanner({ isItem: () => false, observe });
      scanner.write(line);
      if (index < complete) scanner.end();
    });
  } else {
    const scanner = new JsonScanner({ isItem: () => false, observe });
    scanner.write(sampleText);
    if (wholeFile) scanner.end();
  }
  return { layout, paths, values };
}

/** Rows of a JSON export whose text arrives in `chunks`. */
export function jsonRows(chunks: AsyncIterable<string>, layout: JsonLayout, itemPatterns: readonly string[], mapItem: JsonItemMapper): AsyncGenerator<RowResult> {
  return layout === 'ndjson' ? ndjsonRows(chunks, mapItem) : documentRows(chunks, itemPatterns, mapItem);
}

async function* ndjsonRows(chunks: AsyncIterable<string>, mapItem: JsonItemMapper): AsyncGenerator<RowResult> {
  let parts: string[] = [];
  let partChars = 0;
  let tooLong = false;
  let line = 1;
  const finishLine = function* (rest: string): Generator<RowResult> {
    const lineText = tooLong ? parts[0]! : parts.join('') + rest;
    const lineNumber = line++;
    const wasTooLong = tooLong;
    parts = [];
    partChars = 0;
    tooLong = false;
    if (wasTooLong) {
      yield rejected(lineNumber, `the line is longer than ${MAX_ITEM_CHARS} characters, which no post is: skipped`, lineText);
      return;
    }
    const trimmed = lineText.trim();
    if (trimmed === '' || trimmed === '\ufeff') return;
    yield* itemRows(trimmed.replace(/^\ufeff/, ''), { line: lineNumber, path: [], context: {} }, mapItem);
  };
  for await (const chunk of chunks) {
    let from = 0;
    for (let end = chunk.indexOf('\n'); end !== -1; end = chunk.indexOf('\n', from)) {
      yield* finishLine(tooLong ? '' : chunk.slice(from, end));
      from = end + 1;
    }
    if (from < chunk.length && !tooLong) {
      parts.push(chunk.slice(from));
      partChars += chunk.length - from;
      if (partChars > MAX_ITEM_CHARS) {
        tooLong = true;
        parts = [parts.join('').slice(0, 200)];
      }
    }
  }
  if (parts.length > 0) yield* finishLine('');
}

async function* documentRows(chunks: AsyncIterable<string>, itemPatterns: readonly string[], mapItem: JsonItemMapper): AsyncGenerator<RowResult> {
  const patterns = new Set(itemPatterns);
  const scanner = new JsonScanner({ isItem: (path) => patterns.has(pathString(path)) });
  const results = function* (events: ReturnType<JsonScanner['write']>): Generator<RowResult> {
    for (const event of events) {
      if (event.kind === 'error') yield rejected(event.line, event.message, event.raw);
      else yield* itemRows(event.raw, event, mapItem);
    }
  };
  for await (const chunk of chunks) yield* results(scanner.write(chunk));
  yield* results(scanner.end());
}

function* itemRows(raw: string, item: { line: number; path: readonly PathPart[]; context: Readonly<Record<string, ScalarValue>> }, mapItem: JsonItemMapper): Generator<RowResult> {
  let value: unknown;
  try {
    value = parseJsonLossless(raw);
  } catch (error) {
    yield rejected(item.line, `not valid JSON: ${(error as Error).message}`, raw);
    return;
  }
  let mapped: ReturnType<JsonItemMapper>;
  try {
    mapped = mapItem(value, { line: item.line, path: item.path, context: item.context });
  } catch (error) {
    if (error instanceof RowError) {
      yield rejected(item.line, error.reason, raw);
      return;
    }
    throw error;
  }
  for (const row of mapped) {
    if ('rejected' in row) yield rejected(item.line, row.rejected, mapped.length === 1 ? raw : stringify(row.raw));
    else yield { kind: 'post', line: item.line, post: row };
  }
}

function stringify(value: unknown): string {
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return String(value);
  }
}

function rejected(line: number, reason: string, raw: string): RowResult {
  return { kind: 'rejected', line, reason, raw: raw.length > MAX_RAW_CHARS ? `${raw.slice(0, MAX_RAW_CHARS)}…` : raw };
}
