import { describe, expect, it } from 'vitest';
import { csvCells, csvRow, neutraliseFormula, renderCell, type TableColumn } from '../../../src/aggregate/table-column.js';

describe('neutraliseFormula', () => {
  it.each(['=HYPERLINK("x")', '+1 555', '-rm', '@SUM(A1)', '\tx', '\rx'])('prefixes %j with an apostrophe', (text) => {
    expect(neutraliseFormula(text)).toBe(`'${text}`);
  });
  it('leaves ordinary text alone', () => {
    expect(neutraliseFormula('Sign the petition = win')).toBe('Sign the petition = win');
  });
});

describe('renderCell', () => {
  it('writes missing as empty, booleans as 0/1, numbers as numbers (negative ones untouched)', () => {
    expect([null, true, false, -3, 0.25, Number.NaN, 'x'].map(renderCell)).toEqual(['', '1', '0', '-3', '0.25', '', 'x']);
  });
});

describe('csvCells', () => {
  const columns: TableColumn<string[]>[] = [0, 1, 2].map((i) => ({ name: `c${i}`, type: 'string', description: '', cell: (row) => row[i] ?? null }));
  it('renders a stretch of columns as csvRow renders them, without the line end', () => {
    const row = ['a,b', 'say "x"', ''];
    expect(csvCells(columns, row, 0, 3)).toBe(csvRow(columns, row).slice(0, -1));
    expect(csvCells(columns, row, 1, 3)).toBe('"say ""x""",');
    expect(csvCells(columns, row, 1, 1)).toBe('');
  });
});
