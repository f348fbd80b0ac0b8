import { formulaNote, neutraliseFormula, type ColumnInfo, type TableColumn } from './table-column.js';

/** One row of data_dictionary.csv. */
export interface DictionaryEntry {
  file: string;
  column: string;
  type: string;
  description: string;
  values: string;
}

export const dictionaryColumns: TableColumn<DictionaryEntry>[] = [
  { name: 'file', type: 'string', description: 'Output file the column is in', cell: (r) => neutraliseFormula(r.file) },
  { name: 'column', type: 'string', description: 'Column name', cell: (r) => neutraliseFormula(r.column) },
  { name: 'type', type: 'string', values: 'string, integer, number, 0/1, datetime, list', description: 'Kind of value; empty cells are missing values', cell: (r) => r.type },
  { name: 'description', type: 'string', description: 'What the column holds', cell: (r) => neutraliseFormula(r.description) },
  { name: 'values', type: 'string', description: 'Allowed values, where the set is closed', cell: (r) => neutraliseFormula(r.values) },
];

/** Dictionary entries for every column of every table, the dictionary's own columns included. */
export function dictionaryEntries(tables: Record<string, readonly ColumnInfo[]>): DictionaryEntry[] {
  const entry = (file: string, c: ColumnInfo, note: boolean): DictionaryEntry => ({
    file,
    column: c.name,
    type: c.type,
    description: note && (c.type === 'string' || c.type === 'list') ? `${c.description} (${formulaNote})` : c.description,
    values: c.values ?? '',
  });
  return [
    ...Object.entries(tables).flatMap(([file, columns]) => columns.map((c) => entry(file, c, true))),
    ...dictionaryColumns.map((c) => entry('data_dictionary.csv', c, false)),
  ];
}
