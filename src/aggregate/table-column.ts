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

/**
 * Text cells that a spreadsheet would read as a formula (=, +, -, @, tab, carriage return at the
 * start) get a leading apostrophe. Numbers are never touched: -3 is a sentiment score.
 */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export const formulaNote = 'text cells beginning with = + - @ tab or carriage return are prefixed with an apostrophe so that spreadsheets do not run them as formulas; the --excel copies carry the same values, and their .xlsx files store every text cell as text, never as a formula';

/** The cell as CSV text: empty for missing, 1/0 for booleans, lists joined with ';'. */
export function renderCell(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  return value;
}
