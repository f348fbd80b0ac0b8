import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import type { Post } from '../types/contracts.js';
import { textPost } from '../coding/text-post.js';

/** The name under which a single yes/no label (any CTA) is reported. */
export const anyCategory = 'cta_any';

/** Which column of a labelled CSV holds what. */
export interface LabelColumns {
  /** Column with the post text (default: text). */
  text?: string;
  /**
   * Label columns, each `column` or `column=category`. A column named like a category of the
   * codebook (vote, or cta_vote) is that category; a column named cta_any, or the only label
   * column when it names no category (GermEval's c2a), is the yes/no label for any CTA.
   * Default: every column named like a category, and cta_any.
   */
  labels?: readonly string[];
  /** Column with a row id (default: id where there is one, else the line number). */
  id?: string;
  /** Column with the ISO 639-1 language of each post (optional). */
  lang?: string;
  /** The language of every post, where there is no language column. */
  fixedLang?: string;
}

export interface LabelledPost {
  post: Post;
  /** Line of the row in the file (1 = the header line). */
  line: number;
  /** Category id (or cta_any) → labelled 1. Only the labelled categories are keys. */
  labels: Map<string, boolean>;
}

export interface LabelledFile {
  file: string;
  /** The categories that have a label column, in codebook order; cta_any where it has one. */
  categories: string[];
  /** Whether cta_any is labelled itself (otherwise it is derived: any category labelled 1). */
  anyLabelled: boolean;
  posts: LabelledPost[];
}

export class LabelledFileError extends Error {}

const truthy = new Set(['1', 'true', 'yes', 'y', 'x', 't', '1.0']);
const falsy = new Set(['0', 'false', 'no', 'n', '', 'f', '0.0']);

/** Parses a 0/1 label cell: 1/0, TRUE/FALSE, yes/no, x/empty. */
export function parseLabel(value: string): boolean | undefined {
  const v = value.trim().toLowerCase();
  if (truthy.has(v)) return true;
  if (falsy.has(v)) return false;
  return undefined;
}

/** Reads a labelled CSV (UTF-8, header row) for the given codebook categories. */
export async function readLabelledFile(file: string, categoryIds: readonly string[], columns: LabelColumns = {}): Promise<LabelledFile> {
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new LabelledFileError(`${file}: cannot be read (${error.code ?? String(error)})`);
  });
  return parseLabelledCsv(file, text, categoryIds, columns);
}

export function parseLabelledCsv(file: string, text: string, categoryIds: readonly string[], columns: LabelColumns = {}): LabelledFile {
  let rows: string[][];
  try {
    rows = parse(text, { bom: true, relax_column_count: false, skip_empty_lines: true }) as string[][];
  } catch (error) {
    throw new LabelledFileError(`${file}: not a readable CSV (${(error as Error).message})`);
  }
  const header = rows[0];
  if (header === undefined) throw new LabelledFileError(`${file}: the file is empty`);
  const index = (name: string, what: string) => {
    const i = header.indexOf(name);
    if (i === -1) throw new LabelledFileError(`${file}: no column "${name}" for ${what} (columns: ${header.join(', ')})`);
    return i;
  };
  const textIndex = index(columns.text ?? 'text', 'the text');
  const idIndex = columns.id !== undefined ? index(columns.id, 'the id') : header.indexOf('id');
  const langIndex = columns.lang !== undefined ? index(columns.lang, 'the language') : -1;
  const labelColumns = resolveLabelColumns(file, header, categoryIds, columns.labels);
  const labelIndices = labelColumns.map(({ column, category }) => ({ index: index(column, `the label ${category}`), column, category }));

  const posts: LabelledPost[] = [];
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r]!;
    const line = r + 1;
    const labels = new Map<string, boolean>();
    for (const { index: i, column, category } of labelIndices) {
      const value = parseLabel(row[i] ?? '');
      if (value === undefined) throw new LabelledFileError(`${file}: line ${line}: column "${column}" has "${row[i]}", expected 0/1, true/false or yes/no`);
      labels.set(category, value);
    }
    const lang = langIndex === -1 ? columns.fixedLang ?? null : row[langIndex]?.trim() || columns.fixedLang || null;
    posts.push({ post: toPost(file, row[textIndex] ?? '', idIndex === -1 ? String(line) : row[idIndex] ?? String(line), lang, line), line, labels });
  }
  const categories = categoryIds.filter((id) => labelColumns.some((c) => c.category === id));
  const anyLabelled = labelColumns.some((c) => c.category === anyCategory);
  return { file, categories, anyLabelled, posts };
}

interface LabelColumn {
  column: string;
  category: string;
}

function resolveLabelColumns(file: string, header: readonly string[], categoryIds: readonly string[], given: readonly string[] | undefined): LabelColumn[] {
  const known = new Set([...categoryIds, anyCategory]);
  const categoryOf = (column: string) => {
    const bare = column.startsWith('cta_') && column !== anyCategory ? column.slice(4) : column;
    return known.has(bare) ? bare : undefined;
  };
  let resolved: LabelColumn[];
  if (given === undefined || given.length === 0) {
    resolved = header.flatMap((column) => {
      const category = categoryOf(column);
      return category === undefined ? [] : [{ column, category }];
    });
    if (resolved.length === 0) {
      throw new LabelledFileError(`${file}: no label columns found; name them with --label-col (columns: ${header.join(', ')})`);
    }
  } else {
    const entries = given.flatMap((entry) => entry.split(',')).map((entry) => entry.trim()).filter(Boolean);
    resolved = entries.map((entry) => {
      const [column, category] = entry.includes('=') ? (entry.split('=', 2) as [string, string]) : [entry, undefined];
      const resolvedCategory = category !== undefined ? categoryOf(category) : categoryOf(column) ?? (entries.length === 1 ? anyCategory : undefined);
      if (resolvedCategory === undefined) {
        throw new LabelledFileError(`${file}: label column "${entry}" is not a category of the codebook (${[...known].join(', ')}); write column=category`);
      }
      return { column, category: resolvedCategory };
    });
  }
  const seen = new Set<string>();
  for (const { category } of resolved) {
    if (seen.has(category)) throw new LabelledFileError(`${file}: two label columns for ${category}`);
    seen.add(category);
  }
  return resolved;
}

function toPost(file: string, text: string, id: string, lang: string | null, line: number): Post {
  return textPost(text, { file, format: 'labelled-csv', row: line }, { platform: 'labelled', post_id: id, lang });
}
