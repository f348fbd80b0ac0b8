import { describe, expect, it } from 'vitest';
import { neutraliseFormula, renderCell } from '../../../src/aggregate/table-column.js';

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
