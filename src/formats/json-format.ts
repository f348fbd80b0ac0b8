import type { ColumnMapping, Post } from '../types/contracts.js';
import type { PathPart, ScalarValue } from './json-scanner.js';

/**
 * How a JSON export is laid out: one value per line (NDJSON/JSONL), one top-level array, or one
 * top-level object whose posts sit at some path inside it (`data.videos`, `messages`).
 */
export type JsonLayout = 'ndjson' | 'array' | 'object';

/** What the first bytes of a JSON export show: its layout and the key paths seen. */
export interface JsonSample {
  layout: JsonLayout;
  /**
   * Paths of the values seen, array indexes written `[]`: `data[].author_id`, `[].shortCode`,
   * `chats.list[].messages[].date_unixtime`. For NDJSON, paths start at each line's value.
   */
  paths: ReadonlySet<string>;
  /** The first scalar seen at each path (numbers as their text). */
  values: ReadonlyMap<string, ScalarValue>;
}

/** Where an item stands in the file, and the scalars of the objects around it. */
export interface JsonItem {
  /** Physical line the item starts on (NDJSON: the line). */
  line: number;
  path: readonly PathPart[];
  context: Readonly<Record<string, ScalarValue>>;
}

/** One row of an item that holds several posts (a twarc page), which cannot be a post. */
export interface SubRowRejection {
  rejected: string;
  /** What to show as the row's raw text. */
  raw: unknown;
}

/**
 * Turns one item into its rows: usually one post; a page of an API response gives one row per
 * post in it. Throws RowError when the item as a whole cannot be a post.
 */
export type JsonItemMapper = (value: unknown, item: JsonItem) => (Post | SubRowRejection)[];

export interface JsonMapperContext {
  fileName: string;
  mapping?: ColumnMapping;
  sample: JsonSample;
  /** Labels of the formats the file was checked against, for the message when none fits. */
  formatsTried?: readonly string[];
}

/** An export format that is JSON: NDJSON lines, or a document with its posts in an array. */
export interface JsonFormat {
  id: string;
  label: string;
  kind: 'json';
  /**
   * Where the items are in a file with this sample, or null when the sample is not this format.
   * Patterns are paths as in JsonSample: `''` = each line of NDJSON (or the whole document),
   * `[]` = each element of a top-level array, `data.videos[]`, `chats.list[].messages[]`.
   */
  detect(sample: JsonSample): readonly string[] | null;
  /** Runs once per file; throws ExportFileError when the file cannot be read as this format. */
  createItemMapper(context: JsonMapperContext): JsonItemMapper;
}

/** `['data', 3, 'id']` → `data[].id`. */
export function pathString(path: readonly PathPart[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += '[]';
    else out += out === '' ? part : `.${part}`;
  }
  return out;
}

/** The prefix of an item's paths in a sample: `[].` for a top-level array, nothing for NDJSON. */
export function itemPrefix(sample: JsonSample): string {
  return sample.layout === 'array' ? '[].' : '';
}

/** Whether the sample's items have all of `keys` (paths below the item). */
export function itemHas(sample: JsonSample, ...keys: string[]): boolean {
  const prefix = itemPrefix(sample);
  return keys.every((key) => sample.paths.has(prefix + key));
}

/** The items of an NDJSON file or a top-level array (the layouts of one post per item). */
export function flatItems(sample: JsonSample): readonly string[] | null {
  if (sample.layout === 'ndjson') return [''];
  if (sample.layout === 'array') return ['[]'];
  return null;
}
