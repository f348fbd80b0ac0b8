import { csvField } from './csv-record.js';

/** A column of an output table: how its cell is made, and what the data dictionary says about it. */
export interface TableColumn<Row> {
  name: string;
  type: 'string' | 'integer' | 'number' | '0/1' | 'datetime' | 'list';
  description: string;
  /** Allowed values, where the column has a closed set. */
  values?: string;
  cell(row: Row): Cell;
}

export type Cell = string | number | boolean | null;

/** What the data dictionary and the Excel copies need of a column: all but how its cells are made (plain data, which can cross threads). */
export type ColumnInfo = Omit<TableColumn<never>, 'cell'>;

export function columnInfo({ name, type, description, values }: ColumnInfo): ColumnInfo {
  return { name, type, description, ...(values === undefined ? {} : { values }) };
}

/**
 * Text cells that a spreadsheet would read as a formula (=, +, -, @, tab, carriage return at the
 * start) get a leading apostrophe. Numbers are never touched: -3 is a sentiment score.
 */
export function neutraliseFormula(text: string): string {
  // A look at the first character rather than a regular expression: every text cell of every row passes here.
  switch (text.charCodeAt(0)) {
    case 61: case 43: case 45: case 64: case 9: case 13:
      return `'${text}`;
    default:
      return text;
  }
}

export const formulaNote = 'text cells beginning with = + - @ tab or carriage return are prefixed with an apostrophe so that spreadsheets do not run them as formulas; the --excel copies carry the same values, and their .xlsx files store every text cell as text, never as a formula';

/** A cell as text, before any CSV quoting: empty for missing, 1/0 for booleans, numbers as JavaScript prints them (non-finite ones empty). */
export function renderCell(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  return value;
}

/**
 * A row of a table as one CSV record (see csvRecord), built straight from the cells: coding
 * workers render a row per post, and an array of cells per row cost about a fifth of rendering.
 */
export function csvRow<Row>(columns: readonly TableColumn<Row>[], row: Row): string {
  return `${csvCells(columns, row, 0, columns.length)}\n`;
}

/** The cells of columns `from` up to `to` (not included) of a row, as CSV fields joined by commas. */
export function csvCells<Row>(columns: readonly TableColumn<Row>[], row: Row, from: number, to: number): string {
  let record = '';
  for (let i = from; i < to; i++) {
    if (i > from) record += ',';
    const value = columns[i]!.cell(row);
    // Numbers, 0/1 and empty cells never need quotes: only text is looked at.
    record += typeof value === 'string' ? csvField(value) : renderCell(value);
  }
  return record;
}
