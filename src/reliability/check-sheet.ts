import type { CodeColumn } from './code-columns.js';
import type { RawSheet } from './read-sheet.js';
import type { Code } from './reference-code.js';
import { postKey } from './post-key.js';

/** One coder's codes, checked: per post key, one code (or null, not coded) per code column. */
export interface CoderSheet {
  coder: string;
  file: string;
  codes: Map<string, (Code | null)[]>;
}

export interface SheetCheck {
  sheet: CoderSheet;
  /** Each makes the sheet unusable; see ValidationInputError. */
  problems: string[];
  /** Usable, but worth a look before trusting the figures. */
  warnings: string[];
}

/** Identifies the run and codebook in messages. */
export interface SheetContext {
  runId: string;
  codebook: string;
  codes: readonly CodeColumn[];
  knownPosts: ReadonlySet<string>;
}

/** What a code cell may hold; anything else is a typo that would silently bend the figures. */
export function parseCode(text: string): Code | null | undefined {
  const value = text.trim();
  if (value === '') return null;
  if (value === '0') return 0;
  if (value === '1') return 1;
  return undefined;
}

export function columnLetter(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/**
 * Checks a filled coding sheet against the run: the header must have platform, post_id and every
 * code column of the codebook (other columns, such as a coder's notes, are ignored, but a column
 * that looks like a code and is not one is an error: it is a renamed or foreign code); every post
 * must be in the run, once; every code cell must be 0, 1 or empty.
 */
export function checkSheet(raw: RawSheet, context: SheetContext): SheetCheck {
  const problems: string[] = [];
  const where = (row: number, column?: string) => `sheet ${raw.file}, row ${row}${column ? `, column ${column}` : ''}`;
  const index = headerIndex(raw, context, problems, where);
  const sheet: CoderSheet = { coder: raw.name, file: raw.file, codes: new Map() };
  if (!index) return { sheet, problems, warnings: [] };

  const firstRow = new Map<string, number>();
  const partlyEmpty: number[] = [];
  const inconsistent: number[] = [];
  for (const { row, cells } of raw.rows) {
    const cell = (i: number) => cells[i] ?? '';
    const stray = cells.findIndex((value, i) => i >= raw.header.length && value.trim() !== '');
    if (stray !== -1) problems.push(`${where(row)}: column ${columnLetter(stray)} has a value but no header; move it into a named column or delete it`);

    const codes = context.codes.map((code, i) => {
      const text = cell(index.codes[i]!);
      const value = parseCode(text);
      if (value === undefined) {
        problems.push(`${where(row, code.column)}: "${text.trim()}" is not a code; enter 1 (present), 0 (absent), or leave the cell empty (not coded)`);
        return null;
      }
      return value;
    });
    const platform = cell(index.platform).trim();
    const postId = cell(index.postId).trim();
    if (postId === '' || platform === '') {
      if (codes.some((c) => c !== null)) problems.push(`${where(row, postId === '' ? 'post_id' : 'platform')}: empty, so the codes of this row belong to no post; restore it from the blank sheet`);
      continue;
    }
    const key = postKey(platform, postId);
    if (!context.knownPosts.has(key)) {
      problems.push(`${where(row, 'post_id')}: post ${postId} (${platform}) is not in run ${context.runId}; ${unknownIdAdvice(postId)}`);
      continue;
    }
    const earlier = firstRow.get(key);
    if (earlier !== undefined) {
      problems.push(`${where(row, 'post_id')}: post ${postId} (${platform}) is already on row ${earlier}; keep one row per post`);
      continue;
    }
    firstRow.set(key, row);
    sheet.codes.set(key, codes);
    const given = codes.filter((c) => c !== null).length;
    if (given > 0 && given < codes.length) partlyEmpty.push(row);
    if (given === codes.length && (codes[index.any] === 1) !== codes.some((c, i) => i !== index.any && c === 1)) inconsistent.push(row);
  }

  const warnings: string[] = [];
  if (partlyEmpty.length > 0) {
    warnings.push(`sheet ${raw.file}: ${partlyEmpty.length} coded row(s) have empty code cells (rows ${rowList(partlyEmpty)}); empty counts as "not coded", not as 0: enter 0 where the post has no such call`);
  }
  if (inconsistent.length > 0) {
    warnings.push(`sheet ${raw.file}: cta_any does not match the categories on ${inconsistent.length} row(s) (rows ${rowList(inconsistent)}); cta_any should be 1 exactly when a category is 1`);
  }
  if (sheet.codes.size === 0 && problems.length === 0) warnings.push(`sheet ${raw.file} has no coded posts`);
  return { sheet, problems, warnings };
}

interface HeaderIndex {
  platform: number;
  postId: number;
  /** Position of each code column, in context.codes order. */
  codes: number[];
  /** Position of cta_any in context.codes. */
  any: number;
}

function headerIndex(raw: RawSheet, context: SheetContext, problems: string[], where: (row: number, column?: string) => string): HeaderIndex | null {
  const known = new Set(context.codes.map((c) => c.column));
  const seen = new Map<string, number>();
  const before = problems.length;
  raw.header.forEach((name, i) => {
    const first = seen.get(name);
    if (first !== undefined && name !== '') problems.push(`${where(1)}: column ${name} appears twice (columns ${columnLetter(first)} and ${columnLetter(i)}); delete one`);
    else seen.set(name, i);
    if (name.startsWith('cta_') && !known.has(name)) {
      problems.push(`${where(1, columnLetter(i))}: "${name}" is not a code of codebook ${context.codebook} (its codes are ${[...known].join(', ')}); rename the column to the code it holds, or delete it`);
    }
  });
  for (const name of ['platform', 'post_id', ...known]) {
    if (!seen.has(name)) problems.push(`${where(1)}: column ${name} is missing; a sheet needs the columns ctacode wrote (platform, post_id and ${[...known].join(', ')}): copy the header back from the blank sheet`);
  }
  if (problems.length > before) return null;
  return { platform: seen.get('platform')!, postId: seen.get('post_id')!, codes: context.codes.map((c) => seen.get(c.column)!), any: context.codes.findIndex((c) => c.category === null) };
}

function unknownIdAdvice(postId: string): string {
  if (/^\d+(\.\d+)?e\+?\d+$/i.test(postId) || /^\d+\.\d+$/.test(postId)) {
    return 'a spreadsheet turned the id into a number and lost digits: code in the .xlsx sheet, or import the CSV with post_id as a text column';
  }
  return 'copy the id back from the blank sheet (ids must not be changed), or delete the row';
}

function rowList(rows: readonly number[]): string {
  return rows.length <= 10 ? rows.join(', ') : `${rows.slice(0, 10).join(', ')}, …`;
}
