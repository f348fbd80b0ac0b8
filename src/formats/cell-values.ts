/** Small conversions from CSV cells to Post values, shared by the CSV formats. */
import { RowError } from './csv-format.js';

/** The cell at `index`, or '' for a column the file does not have (index -1). */
export function cellAt(record: readonly string[], index: number): string {
  return index === -1 ? '' : record[index]!;
}

/** The trimmed cell, or null when it is empty: an empty cell is a missing value, not "". */
export function textOrNull(cell: string): string | null {
  const trimmed = cell.trim();
  return trimmed === '' ? null : trimmed;
}

/** The values in order, without empties and repeats. Lists of links and tags are short, so a scan beats a Set. */
export function uniqueNonEmpty(values: readonly string[]): string[] {
  const unique: string[] = [];
  for (const value of values) if (value !== '' && !unique.includes(value)) unique.push(value);
  return unique;
}

const LIST_SEPARATORS = /[\s,;|]+/;
const TRUE_VALUES = new Set(['true', 't', 'yes', 'y', '1']);
const FALSE_VALUES = new Set(['false', 'f', 'no', 'n', '0']);

/** A cell listing several values (`#a #b`, `a, b`), each without its sigil, hashtags and mentions lower-cased. */
export function splitList(cell: string, sigil?: '#' | '@'): string[] {
  if (cell === '') return [];
  const values = cell.split(LIST_SEPARATORS);
  return sigil === undefined ? values : values.map((value) => (value.startsWith(sigil) ? value.slice(1) : value).toLowerCase());
}

/** `true`/`false`, `yes`/`no`, `1`/`0` (any case) → a boolean; anything else null. */
export function parseBoolean(cell: string): boolean | null {
  const value = cell.trim().toLowerCase();
  if (TRUE_VALUES.has(value)) return true;
  if (FALSE_VALUES.has(value)) return false;
  return null;
}

/**
 * A big number as spreadsheets and float conversions write it: `9.6378e+14` (R), `1.6e+18`
 * (Python), `1.04058E+15` (Excel). The `+` is required: ids such as YouTube's may be letters and
 * digits with an `e` or a `-` in them, never a `+`.
 */
const SCIENTIFIC_ID = /^\d+(?:[.,]\d+)?e\+\d+$/i;
/** `1234.0`: an integer id that went through a float column (pandas, R). */
const FLOAT_ID = /^(\d+)\.0+$/;
/** Doubles hold 15 significant decimal digits exactly; Excel keeps no more than 15 either. */
const EXACT_DIGITS = 15;

/**
 * An id cell → the id as text, or null when empty. An id that a spreadsheet or a float conversion
 * wrote in scientific notation (`9.6378e+14`) has lost its last digits: no post can be matched
 * by it, so the row is rejected with a reason rather than given a wrong id. `1234.0` becomes
 * `1234` where its digits are all there.
 */
export function idOrNull(cell: string, column: string): string | null {
  const id = cell.trim();
  if (id === '') return null;
  if (SCIENTIFIC_ID.test(id)) {
    throw new RowError(`${column}: the id ${JSON.stringify(id)} is in scientific notation, so its last digits are lost (a spreadsheet or a float conversion rounded it); export the ids as text`);
  }
  const float = FLOAT_ID.exec(id);
  if (float !== null) {
    if (float[1]!.replace(/^0+/, '').length > EXACT_DIGITS) {
      throw new RowError(`${column}: the id ${JSON.stringify(id)} went through a floating-point number, so its last digits may be lost; export the ids as text`);
    }
    return float[1]!;
  }
  return id;
}

/**
 * A timestamp cell → the parsed time, null when the cell is empty. A value `parse` cannot read
 * rejects the row, naming the column, the value and the form expected.
 */
export function timestampCell<T>(cell: string, column: string, parse: (value: string) => T | undefined, expected: string): T | null {
  const value = cell.trim();
  if (value === '') return null;
  const parsed = parse(value);
  if (parsed === undefined) throw new RowError(`${column}: cannot read the date ${JSON.stringify(value)} (expected ${expected})`);
  return parsed;
}

/** The cells at `columns`, each without its sigil and lower-cased: hashtags or handles listed one per column. */
export function taggedCells(record: readonly string[], columns: readonly number[], sigil: '#' | '@'): string[] {
  return columns.map((index) => {
    const value = record[index]!.trim();
    return (value.startsWith(sigil) ? value.slice(1) : value).toLowerCase();
  });
}
