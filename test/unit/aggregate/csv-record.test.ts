import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvRecord } from '../../../src/aggregate/csv-record.js';

describe('csvRecord', () => {
  it('quotes only fields that need it and doubles their quotes', () => {
    expect(csvRecord(['a', 'b c', ''])).toBe('a,b c,\n');
    expect(csvRecord(['x,y', 'say "hi"', 'two\nlines', 'cr\r'])).toBe('"x,y","say ""hi""","two\nlines","cr\r"\n');
  });

  // csv-stringify leaves a bare carriage return unquoted, which readers that end records at \r
  // would split; RFC 4180 quotes it, and so does csvRecord (quoted_match adds that to csv-stringify).
  it('writes exactly what csv-stringify writes, carriage returns quoted', () => {
    const field = fc.string({ unit: fc.constantFrom('a', 'B', '7', ' ', ',', ';', '\t', '"', '\n', '\r', "'", '=', 'é', '🌷', '\\'), maxLength: 12 });
    fc.assert(
      fc.property(fc.array(field, { minLength: 1, maxLength: 6 }), (fields) => {
        expect(csvRecord(fields)).toBe(stringify([fields], { record_delimiter: '\n', eof: true, quoted_match: /\r/ }));
      }),
      { numRuns: 2000 },
    );
  });
});
