/**
 * Any JSON or NDJSON export of posts: the fallback after every specific JSON format. Items are
 * the lines of an NDJSON file, the elements of a top-level array, or the elements of the first
 * array of objects in a top-level object. Fields are found by the names generic CSV looks for
 * (COLUMN_ALIASES), among the items' keys and their nested keys written with dots
 * (`author.username` counts as `author_username`), or named in a mapping file, where a dotted
 * path names a nested key (`"account_handle": "author.username"`, `"likes": "stats.diggCount"`).
 */
import type { ColumnMapping } from '../types/contracts.js';
import { RowError } from './csv-format.js';
import { ExportFileError } from './export-file.js';
import { COLUMN_ALIASES } from './generic-csv.js';
import { columnKey } from './header-columns.js';
import { pathString, type JsonFormat, type JsonSample } from './json-format.js';
import { sampleJson } from './json-rows.js';
import { JsonScanner, parseJsonLossless } from './json-scanner.js';
import { finishPost } from './json-post.js';
import { asArray, asObject, at, bool, count, idText, text } from './json-values.js';
import { isKnownTimeZone, parseTimestamp } from './timestamps.js';

const FORMAT_ID = 'generic-json';

type PostField = keyof ColumnMapping['columns'];

export const genericJson: JsonFormat = {
  id: FORMAT_ID,
  label: 'Any JSON or NDJSON with a text field',
  kind: 'json',
  detect: (sample) => [itemsPattern(sample)],
  createItemMapper({ fileName, mapping, sample, formatsTried }) {
    const keys = itemKeys(sample);
    const field = resolveFields(keys, mapping);
    if (field.text === undefined) throw new ExportFileError(fileName, unknownJsonMessage(sample, formatsTried ?? []));
    if (mapping !== undefined && keys.length > 0 && !keys.includes(field.text) && !keys.some((key) => key.startsWith(`${field.text}.`))) {
      throw new ExportFileError(fileName, `the mapping names ${JSON.stringify(field.text)} for text, but the items have no such key; keys found: ${listKeys(keys)}`);
    }
    const zone = mapping?.timezone ?? 'UTC';
    if (!isKnownTimeZone(zone)) throw new ExportFileError(fileName, `the mapping's timezone ${JSON.stringify(zone)} is not an IANA time zone name; use one like Europe/Berlin or America/New_York`);
    const get = (item: unknown, name: PostField): unknown => (field[name] === undefined ? undefined : at(item, field[name]!));
    return (value, item) => {
      if (asObject(value) === null) throw new RowError('not a post: expected a JSON object');
      const createdValue = get(value, 'created_at');
      const createdText = createdValue === undefined || createdValue === null || createdValue === '' ? null : String(createdValue);
      const created = createdText === null ? null : parseTimestamp(createdText, zone);
      return [finishPost({
        platform: mapping?.platform ?? text(get(value, 'platform'))?.toLowerCase() ?? 'unknown',
        post_id: idText(get(value, 'post_id')),
        account_id: idText(get(value, 'account_id')),
        account_handle: text(get(value, 'account_handle')),
        account_name: text(get(value, 'account_name')),
        created,
        createdText,
        text: joinText(get(value, 'text')),
        url: text(get(value, 'url')),
        links: list(get(value, 'links')),
        hashtags: list(get(value, 'hashtags')),
        mentions: list(get(value, 'mentions')),
        post_type: text(get(value, 'post_type')),
        ...(field.lang === undefined ? {} : { lang: text(get(value, 'lang')) }),
        followers: count(get(value, 'followers')),
        likes: count(get(value, 'likes')),
        comments: count(get(value, 'comments')),
        shares: count(get(value, 'shares')),
        views: count(get(value, 'views')),
        reactions: count(get(value, 'reactions')),
        is_repost: booleanOf(get(value, 'is_repost')),
      }, { file: fileName, format: FORMAT_ID, row: item.line }, { text: JSON.stringify(field.text), created: JSON.stringify(field.created_at ?? 'created_at') })];
    };
  },
};

/** Where the posts are: NDJSON lines, a top-level array's elements, or the first array of objects in an object. */
function itemsPattern(sample: JsonSample): string {
  if (sample.layout === 'ndjson') return '';
  if (sample.layout === 'array') return '[]';
  let best: string | null = null;
  for (const path of sample.paths) {
    const match = /^(.*?\[\])\./.exec(path);
    if (match === null) continue;
    const candidate = match[1]!;
    if (best === null || candidate.split(/[.[]/).length < best.split(/[.[]/).length) best = candidate;
  }
  return best ?? '';
}

/** Keys of the sample's items, nested ones dotted (`author.username`); array elements left out. */
export function itemKeys(sample: JsonSample): string[] {
  const pattern = itemsPattern(sample);
  const prefix = pattern === '' ? '' : `${pattern}.`;
  const keys: string[] = [];
  for (const path of sample.paths) {
    if (!path.startsWith(prefix) || path === prefix) continue;
    const key = path.slice(prefix.length);
    if (key !== '' && !key.includes('[]')) keys.push(key);
  }
  return keys;
}

function resolveFields(keys: readonly string[], mapping: ColumnMapping | undefined): Partial<Record<PostField, string>> {
  const field: Partial<Record<PostField, string>> = { ...(mapping?.columns ?? {}) };
  const taken = new Set(Object.values(field));
  const byKey = new Map<string, string>();
  // Shallow keys first, so that `text` wins over `quoted.text`.
  for (const key of [...keys].sort((a, b) => a.split('.').length - b.split('.').length)) {
    const normal = columnKey(key);
    if (!byKey.has(normal)) byKey.set(normal, key);
  }
  for (const name of Object.keys(COLUMN_ALIASES) as PostField[]) {
    if (field[name] !== undefined) continue;
    for (const alias of COLUMN_ALIASES[name]) {
      const key = byKey.get(alias);
      if (key !== undefined && !taken.has(key)) {
        field[name] = key;
        taken.add(key);
        break;
      }
    }
  }
  return field;
}

/**
 * Why a JSON file cannot be read: the formats tried, the keys found, and how to write a mapping.
 * `tried` lists the specific JSON formats' labels.
 */
export function unknownJsonMessage(sample: JsonSample, tried: readonly string[]): string {
  const keys = itemKeys(sample);
  const formats = tried.length === 0 ? '' : `formats tried: ${tried.join('; ')}; `;
  return `not a JSON export ctacode recognises, and no text field found (looked for ${COLUMN_ALIASES.text.join(', ')}): ${formats}` +
    `keys found: ${keys.length === 0 ? 'none' : listKeys(keys)}; ` +
    'write a mapping file naming the key that holds the text (nested keys with dots, e.g. "text": "post.body") — `ctacode mapping init <file>` writes one to edit — and pass it with --mapping';
}

function listKeys(keys: readonly string[]): string {
  const shown = keys.slice(0, 60);
  return keys.length > shown.length ? `${shown.join(', ')} … (${keys.length} keys)` : shown.join(', ');
}

function joinText(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map((part) => (typeof part === 'string' ? part : text(asObject(part)?.text) ?? '')).join('');
  return text(value);
}

function list(value: unknown): string[] {
  if (Array.isArray(value)) return asArray(value).map((entry) => text(entry) ?? text(asObject(entry)?.tag) ?? text(asObject(entry)?.name) ?? '').filter((entry) => entry !== '');
  const single = text(value);
  return single === null ? [] : single.split(/[\s,;|]+/);
}

function booleanOf(value: unknown): boolean | null {
  if (typeof value === 'string') return ({ true: true, yes: true, '1': true, false: false, no: false, '0': false } as Record<string, boolean>)[value.trim().toLowerCase()] ?? null;
  if (typeof value === 'number') return value === 1 ? true : value === 0 ? false : null;
  return bool(value);
}

/**
 * For `ctacode mapping init` on a JSON file: the item keys of a sample of the file's text (nested
 * keys dotted, as a mapping names them), and the first items' values under those keys as text,
 * laid out like a CSV header and rows. `wholeFile` says the text is the whole file.
 */
export function jsonMappingSample(sampleText: string, wholeFile: boolean, maxItems = 50): { keys: string[]; rows: string[][] } {
  const sample = sampleJson(sampleText, wholeFile);
  const keys = itemKeys(sample);
  const items: unknown[] = [];
  const collect = (raw: string): void => {
    if (items.length >= maxItems) return;
    try {
      items.push(parseJsonLossless(raw));
    } catch {
      // a line or item cut by the sample's end, or broken: not a sample row
    }
  };
  if (sample.layout === 'ndjson') {
    for (const line of sampleText.split('\n')) if (line.trim() !== '') collect(line);
  } else {
    const pattern = itemsPattern(sample);
    const scanner = new JsonScanner({ isItem: (path) => pathString(path) === pattern });
    for (const event of [...scanner.write(sampleText), ...(wholeFile ? scanner.end() : [])]) if (event.kind === 'item') collect(event.raw);
  }
  const cell = (value: unknown): string => (value === undefined || value === null ? '' : typeof value === 'string' ? value : JSON.stringify(value));
  return { keys, rows: items.map((item) => keys.map((key) => cell(at(item, key)))) };
}
