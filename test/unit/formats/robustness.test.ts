/**
 * Property tests: whatever a file holds, reading it throws nothing but ExportFileError, and every
 * record is accounted for (a post or a rejection, on the line it starts on); nothing is lost silently.
 */
import { readFile } from 'node:fs/promises';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { CsvRecordReader, type CsvRecord } from '../../../src/formats/csv-records.js';
import { ExportFileError, type RowResult } from '../../../src/formats/export-file.js';
import { sniffDelimiter } from '../../../src/formats/delimiter.js';
import { openExport } from '../../../src/formats/open-export.js';
import { createDecoder, detectEncoding } from '../../../src/formats/text-encoding.js';
import { fixturePath, temporaryFolder } from './export-files.js';

const folder = await temporaryFolder();
afterAll(() => folder.remove());

const csvishChar = fc.constantFrom('a', 'b', 'Z', '1', ' ', ',', ';', '\t', '"', '"', '\n', '\n', '\r', '#', '@', 'é', '✊', '\u00a0');
const csvishText = fc.string({ unit: csvishChar, maxLength: 200 });

function readRecords(text: string, delimiter: string, chunkSizes: readonly number[] = [text.length || 1]): CsvRecord[] {
  const reader = new CsvRecordReader(delimiter);
  const records: CsvRecord[] = [];
  let at = 0;
  for (let i = 0; at < text.length; i++) {
    const size = Math.max(1, chunkSizes[i % chunkSizes.length]!);
    records.push(...reader.read(text.slice(at, at + size)));
    at += size;
  }
  records.push(...reader.finish());
  return records;
}

/** Lines (1-based) a record covers: a malformed record only its first, the rest is read again. */
function span(record: CsvRecord): [number, number] {
  return record.kind === 'malformed' ? [record.line, record.line] : [record.line, record.line + record.raw.split('\n').length - 1];
}

function expectEveryLineAccountedFor(text: string, records: readonly CsvRecord[]): void {
  const lines = text.split('\n');
  const covered = new Set<number>();
  let previousEnd = 0;
  for (const record of records) {
    const [first, last] = span(record);
    expect(first).toBeGreaterThan(previousEnd);
    previousEnd = last;
    for (let line = first; line <= last; line++) covered.add(line);
  }
  lines.forEach((line, index) => {
    const blank = line === '' || line === '\r';
    if (!blank) expect(covered.has(index + 1), `line ${index + 1} ${JSON.stringify(line)} is in no record`).toBe(true);
  });
}

async function readRows(path: string, fileName?: string): Promise<{ rows: RowResult[] } | { error: ExportFileError }> {
  try {
    const opened = await openExport(path, { fileName });
    const rows: RowResult[] = [];
    for await (const row of opened.rows) rows.push(row);
    return { rows };
  } catch (error) {
    if (error instanceof ExportFileError) return { error };
    throw error;
  }
}

function decodeWhole(bytes: Buffer): string {
  const detected = detectEncoding(bytes);
  if ('problem' in detected) throw new Error('not text');
  const decoder = createDecoder(detected.encoding);
  return decoder.write(bytes) + decoder.end();
}

/**
 * Opening and reading the file fails with ExportFileError, or yields one row per record after
 * the header, on the line the record starts on, with every non-blank line in some record.
 */
async function expectOneRowPerRecord(bytes: Buffer): Promise<void> {
  const result = await readRows(await folder.write('any.csv', bytes));
  if ('error' in result) return;
  const text = decodeWhole(bytes);
  const records = readRecords(text, sniffDelimiter(text));
  expect(result.rows.map((row) => row.line)).toEqual(records.slice(1).map((record) => record.line));
  expectEveryLineAccountedFor(text, records);
}

const quoteCell = (cell: string, delimiter: string) => (/["\n\r]/.test(cell) || cell.includes(delimiter) ? `"${cell.replaceAll('"', '""')}"` : cell);

describe('reading CSV records', () => {
  it('returns well-formed records exactly, on the lines they start on, whatever the chunking', () => {
    const cell = fc.string({ unit: csvishChar, maxLength: 10 });
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 4 }).chain((width) => fc.array(fc.array(cell, { minLength: width, maxLength: width }), { minLength: 1, maxLength: 8 })),
        fc.constantFrom(',', ';', '\t'),
        fc.constantFrom('\n', '\r\n'),
        fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
        fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 5 }),
        (rows, delimiter, lineEnd, blankAfter, chunkSizes) => {
          let text = '';
          let line = 1;
          const expected: { line: number; fields: string[] }[] = [];
          rows.forEach((fields, index) => {
            const serialised = fields.map((field) => quoteCell(field, delimiter)).join(delimiter);
            expected.push({ line, fields });
            text += serialised + lineEnd;
            line += serialised.split('\n').length;
            if (blankAfter[index]) {
              text += lineEnd;
              line++;
            }
          });
          const records = readRecords(text, delimiter, chunkSizes);
          expect(records.map((record) => (record.kind === 'record' ? { line: record.line, fields: record.fields } : record))).toEqual(expected);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('accounts for every non-blank line of any text, the same way whatever the chunking', () => {
    fc.assert(
      fc.property(csvishText, fc.constantFrom(',', ';', '\t'), fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 5 }), (text, delimiter, chunkSizes) => {
        const records = readRecords(text, delimiter);
        expect(readRecords(text, delimiter, chunkSizes)).toEqual(records);
        expectEveryLineAccountedFor(text, records);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('opening any file', () => {
  const header = fc.constantFrom('', 'id,text,created_at\n', 'text\n', 'id;body;timestamp\r\n', '\ufeffid,author,text,likes\n');

  it('throws nothing but ExportFileError for CSV-ish text, and yields a row per record after the header', async () => {
    await fc.assert(
      fc.asyncProperty(header, csvishText, async (head, body) => {
        await expectOneRowPerRecord(Buffer.from(head + body, 'utf8'));
      }),
      { numRuns: 300 },
    );
  });

  it('throws nothing but ExportFileError for random bytes, with or without a header before them', async () => {
    await fc.assert(
      fc.asyncProperty(header, fc.uint8Array({ maxLength: 300 }), async (head, bytes) => {
        await expectOneRowPerRecord(Buffer.concat([Buffer.from(head, 'utf8'), bytes]));
      }),
      { numRuns: 300 },
    );
  });

  it('reads a truncated export up to the cut exactly as the whole one', async () => {
    for (const name of ['crowdtangle-facebook-page.csv', 'generic.csv', 'broken-rows.csv']) {
      const whole = await readFile(fixturePath(name));
      const complete = await readRows(fixturePath(name));
      if ('error' in complete) throw complete.error;
      const lineStarts = [0];
      whole.forEach((byte, offset) => byte === 0x0a && lineStarts.push(offset + 1));
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 0, max: whole.length - 1 }), async (cut) => {
          const result = await readRows(await folder.write(`cut-${name}`, whole.subarray(0, cut)), name);
          if ('error' in result) return;
          // A cut after a broken quote can turn it into a valid multi-line cell that runs over the
          // rows after it, so only the rows up to the first syntax error are bound to be read alike.
          const firstSyntaxError = complete.rows.findIndex((row) => row.kind === 'rejected' && row.reason.startsWith('CSV syntax error'));
          const comparable = firstSyntaxError === -1 ? complete.rows : complete.rows.slice(0, firstSyntaxError + 1);
          comparable.forEach((row, index) => {
            const next = complete.rows[index + 1];
            // A record is whole in the cut file when the line of the record after it starts inside the cut.
            if (next === undefined || lineStarts[next.line - 1]! > cut) return;
            // A cut can close a broken quote or shorten what it runs over, so a record rejected for a
            // syntax error may be rejected for another reason (e.g. its column count): it is still
            // rejected, on the same line.
            const expected = row.kind === 'rejected' && row.reason.startsWith('CSV syntax error') ? expect.objectContaining({ kind: 'rejected', line: row.line }) : row;
            expect(result.rows).toContainEqual(expected);
          });
        }),
        { numRuns: 150 },
      );
    }
  });
});
