import { describe, expect, it } from 'vitest';
import { CsvRecordReader, MAX_RECORD_CHARS, type CsvRecord } from '../../../src/formats/csv-records.js';

/** All records of `text`, fed in chunks of `chunkSize` characters. */
function readAll(text: string, { delimiter = ',', chunkSize = text.length || 1 } = {}): CsvRecord[] {
  const reader = new CsvRecordReader(delimiter);
  const records: CsvRecord[] = [];
  for (let i = 0; i < text.length; i += chunkSize) records.push(...reader.read(text.slice(i, i + chunkSize)));
  records.push(...reader.finish());
  return records;
}

const summary = (records: CsvRecord[]) =>
  records.map((record) => (record.kind === 'record' ? { line: record.line, fields: record.fields } : { line: record.line, problem: record.problem }));

describe('CsvRecordReader', () => {
  it('numbers records by the physical line they start on, across multi-line cells and blank lines', () => {
    const text = 'id,text\n1,"two\nlines"\n\n2,after a blank line\n3,"three\n\nlines"\n4,last';
    expect(summary(readAll(text))).toEqual([
      { line: 1, fields: ['id', 'text'] },
      { line: 2, fields: ['1', 'two\nlines'] },
      { line: 5, fields: ['2', 'after a blank line'] },
      { line: 6, fields: ['3', 'three\n\nlines'] },
      { line: 9, fields: ['4', 'last'] },
    ]);
  });

  it('counts \\r\\n once, inside cells and at line ends, and keeps it inside quoted cells', () => {
    const text = 'id,text\r\n1,"a\r\nb"\r\n\r\n2,c\r\n';
    expect(summary(readAll(text))).toEqual([
      { line: 1, fields: ['id', 'text'] },
      { line: 2, fields: ['1', 'a\r\nb'] },
      { line: 5, fields: ['2', 'c'] },
    ]);
  });

  it('reads files that mix \\n and \\r\\n line ends', () => {
    expect(summary(readAll('a,b\r\n1,x\n2,y\r\n3,z'))).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1', 'x'] },
      { line: 3, fields: ['2', 'y'] },
      { line: 4, fields: ['3', 'z'] },
    ]);
  });

  it('unescapes doubled quotes, keeps empty cells, and takes a quote inside an unquoted cell literally', () => {
    expect(summary(readAll('1,"say ""hi""",,""\n2,5" screen,x'))).toEqual([
      { line: 1, fields: ['1', 'say "hi"', '', ''] },
      { line: 2, fields: ['2', '5" screen', 'x'] },
    ]);
  });

  it('keeps the raw text of each record without its line end', () => {
    const records = readAll('a,b\r\n1,"x\r\ny"\r\n');
    expect(records.map((record) => record.raw)).toEqual(['a,b', '1,"x\r\ny"']);
  });

  it('reads semicolons and tabs when told to', () => {
    expect(summary(readAll('a;b\n"1;2";3', { delimiter: ';' }))).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1;2', '3'] },
    ]);
    expect(summary(readAll('a\tb\n1,2\t3', { delimiter: '\t' }))[1]).toEqual({ line: 2, fields: ['1,2', '3'] });
  });

  it('reports a character after a closing quote and reads on from the next line', () => {
    const records = readAll('a,b\n1,"x"y\n2,z\n');
    expect(records[1]).toEqual({ kind: 'malformed', line: 2, column: 1, raw: '1,"x"y', problem: expect.stringContaining('"y" after a closing quote') });
    expect(summary(records.slice(2))).toEqual([{ line: 3, fields: ['2', 'z'] }]);
  });

  it('costs an unclosed quote one row, not the rest of the file', () => {
    const records = readAll('a,b\n1,"never closed\n2,fine\n3,"quoted, fine"\n4,last\n');
    expect(records[1]).toMatchObject({ kind: 'malformed', line: 2, column: 1, raw: '1,"never closed' });
    expect(records[1]!.kind === 'malformed' && records[1]!.problem).toContain('runs on to line 4');
    expect(summary(records.slice(2))).toEqual([
      { line: 3, fields: ['2', 'fine'] },
      { line: 4, fields: ['3', 'quoted, fine'] },
      { line: 5, fields: ['4', 'last'] },
    ]);
  });

  it('reports a quote still open at the end of the file, then reads the lines after it', () => {
    const records = readAll('a,b\n1,"open\n2,x\n3,y');
    expect(records[1]).toMatchObject({ kind: 'malformed', line: 2, problem: 'quote not closed before the end of the file' });
    expect(summary(records.slice(2))).toEqual([
      { line: 3, fields: ['2', 'x'] },
      { line: 4, fields: ['3', 'y'] },
    ]);
  });

  it('gives up on a record longer than MAX_RECORD_CHARS and reads on from its next line', () => {
    const long = 'x'.repeat(MAX_RECORD_CHARS);
    const records = readAll(`a,b\n1,"${long}\n2,after\n`, { chunkSize: 65_536 });
    expect(records.map((record) => [record.kind, record.line])).toEqual([
      ['record', 1],
      ['malformed', 2],
      ['record', 3],
    ]);
    expect(records[1]).toMatchObject({ column: null, problem: expect.stringContaining('longer than') });
  });

  it('skips the rest of an over-long single line, then reads on', () => {
    const records = readAll(`a,b\n1,${'y'.repeat(MAX_RECORD_CHARS + 10)}\n2,after\n`, { chunkSize: 65_536 });
    expect(records.map((record) => [record.kind, record.line])).toEqual([
      ['record', 1],
      ['malformed', 2],
      ['record', 3],
    ]);
  });

  it('gives the same records whatever the chunk size', () => {
    const text = 'id,text\r\n1,"a ""b""\r\nc"\r\n\r\n2,"x"y\r\n3,plain\r\n4,"open\r\n5,z';
    const whole = readAll(text);
    for (const chunkSize of [1, 2, 3, 5, 7, 64]) expect(readAll(text, { chunkSize })).toEqual(whole);
  });

  it('treats an empty input and blank lines as no records', () => {
    expect(readAll('')).toEqual([]);
    expect(readAll('\n\r\n\n')).toEqual([]);
  });

  it('refuses a delimiter that cannot work', () => {
    expect(() => new CsvRecordReader('"')).toThrow(/delimiter/);
    expect(() => new CsvRecordReader(',,')).toThrow(/delimiter/);
  });
});

describe('reading CSV records with backslash escapes (PHP fputcsv)', () => {
  const read = (text: string) => new CsvRecordReader(',', { backslashEscapes: true }).read(text).concat();
  it('keeps a quote after a backslash inside a quoted cell, and still reads doubled quotes', () => {
    const records = new CsvRecordReader(',', { backslashEscapes: true });
    const out = [...records.read('a,"say \\"hi\\", ""ok""",b\n'), ...records.finish()];
    expect(out).toEqual([{ kind: 'record', line: 1, fields: ['a', 'say \\"hi\\", "ok"', 'b'], raw: 'a,"say \\"hi\\", ""ok""",b' }]);
    expect(read('x\n')[0]).toMatchObject({ fields: ['x'] });
  });

  it('is off by default: the same text is a syntax error in RFC 4180', () => {
    const reader = new CsvRecordReader(',');
    expect([...reader.read('a,"say \\"hi\\"",b\n'), ...reader.finish()][0]!.kind).toBe('malformed');
  });
});
