/**
 * Property tests over every CSV format: whatever follows a format's header (random CSV-ish text,
 * random bytes, a fixture cut anywhere), ingest throws nothing but ExportFileError, and every
 * record after the header is one row: a well-formed post or a rejection (rows read = accepted +
 * rejected; duplicates are counted later, among accepted posts). And a differential property:
 * CSV written by csv-stringify reads back as exactly the records written, on their lines.
 */
import { readdir, readFile } from 'node:fs/promises';
import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { csvFormats } from '../../../src/formats/csv-formats.js';
import { CsvRecordReader, type CsvRecord } from '../../../src/formats/csv-records.js';
import { sniffDelimiter } from '../../../src/formats/delimiter.js';
import { ExportFileError, type RowResult } from '../../../src/formats/export-file.js';
import { openExport } from '../../../src/formats/open-export.js';
import { openXlsxExport } from '../../../src/formats/xlsx-export.js';
import { createDecoder, detectEncoding } from '../../../src/formats/text-encoding.js';
import type { Post } from '../../../src/types/contracts.js';
import { fixturePath, temporaryFolder } from './export-files.js';
import ExcelJS from 'exceljs';

const folder = await temporaryFolder();
afterAll(() => folder.remove());

/** One fixture per CSV format: its bytes, and its header line (with line end) as written. */
const fixtures = new Map<string, { name: string; bytes: Buffer; header: Buffer }>();
for (const name of (await readdir(fixturePath(''))).sort()) {
  if (!/\.(csv|tab|tsv)$/.test(name)) continue;
  let format: string;
  try {
    format = (await openExport(fixturePath(name))).format;
  } catch {
    continue;
  }
  if (fixtures.has(format)) continue;
  const bytes = await readFile(fixturePath(name));
  fixtures.set(format, { name, bytes, header: bytes.subarray(0, bytes.indexOf(0x0a) + 1) });
}

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{3})?Z$/;

/** What every accepted row must be, whatever the input. */
function expectWellFormedPost(post: Post, line: number): void {
  expect(typeof post.post_id === 'string' && post.post_id !== '').toBe(true);
  expect(post.text.trim()).not.toBe('');
  if (post.created_at !== null) expect(post.created_at).toMatch(ISO_UTC);
  if (post.collected_at !== undefined && post.collected_at !== null) expect(post.collected_at).toMatch(ISO_UTC);
  for (const count of [post.followers, post.likes, post.comments, post.shares, post.views, post.reactions]) {
    if (count !== null) expect(Number.isFinite(count) && count >= 0).toBe(true);
  }
  expect(post.source.row).toBe(line);
}

function recordsOf(text: string, backslashEscapes: boolean): CsvRecord[] {
  const reader = new CsvRecordReader(sniffDelimiter(text), { backslashEscapes });
  return [...reader.read(text), ...reader.finish()];
}

/** Opens and reads `bytes` as a file; every record after the header is exactly one row. */
async function expectEveryRecordAccountedFor(bytes: Buffer, name = 'any.csv'): Promise<void> {
  const path = await folder.write(name, bytes);
  let rows: RowResult[];
  let backslashEscapes: boolean;
  try {
    const opened = await openExport(path);
    backslashEscapes = csvFormats.find((format) => format.id === opened.format)?.backslashEscapes === true;
    rows = [];
    for await (const row of opened.rows) rows.push(row);
  } catch (error) {
    if (error instanceof ExportFileError) return;
    throw error;
  }
  const detected = detectEncoding(bytes);
  if ('problem' in detected) throw new Error('opened a file that is not text');
  const decoder = createDecoder(detected.encoding);
  const text = decoder.write(bytes) + decoder.end();
  const lines = rows.map((row) => row.line);
  // Whether or not the reader is given the format's dialect, one row per record, on its line.
  const expectedWith = (escapes: boolean) => recordsOf(text, escapes).slice(1).map((record) => record.line);
  expect([expectedWith(backslashEscapes), expectedWith(false)]).toContainEqual(lines);
  const accepted = rows.filter((row) => row.kind === 'post').length;
  const rejected = rows.filter((row) => row.kind === 'rejected').length;
  expect(accepted + rejected).toBe(rows.length);
  for (const row of rows) {
    if (row.kind === 'post') expectWellFormedPost(row.post, row.line);
    else expect(row.reason).not.toBe('');
  }
}

const csvishChar = fc.constantFrom('a', 'Z', '1', '0', '-', ' ', ',', ';', '\t', '"', '"', '\\', '\n', '\n', '\r', '#', '@', '.', ':', 'E', '+', 'é', '✊');
const csvishText = fc.string({ unit: csvishChar, maxLength: 300 });
/** Cells that look like what the formats parse: ids, counts, dates, sentinels, text. */
const plausibleCell = fc.oneof(
  fc.constantFrom('', '-1', 'N/A', '1,234', '9.6378e+14', '7400000000000000001', '2021-07-06 16:45:20 EDT', 'Wed Oct 10 20:19:24 +0000 2018', '1723110715', '2024-02-13T20:49:57.000Z', 'true', '["#a", "@b"]', 'Sign the petition! #vote @mp https://x.example'),
  fc.string({ unit: csvishChar, maxLength: 12 }),
);

describe('every CSV format', () => {
  it('has a fixture that is detected as that format', () => {
    expect([...fixtures.keys()].sort()).toEqual(csvFormats.map((format) => format.id).sort());
  });

  it('accounts for every record of random CSV-ish content after its header, and never crashes', async () => {
    const formats = [...fixtures.values()];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...formats), csvishText, async ({ header }, body) => {
        await expectEveryRecordAccountedFor(Buffer.concat([header, Buffer.from(body, 'utf8')]));
      }),
      { numRuns: 250 },
    );
  });

  it('accounts for rows of plausible cells in the right number of columns', async () => {
    const formats = [...fixtures.values()];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...formats), fc.array(fc.array(plausibleCell, { maxLength: 120 }), { maxLength: 6 }), async ({ header, name }, rows) => {
        const delimiter = sniffDelimiter(header.toString('utf8'));
        const width = new CsvRecordReader(delimiter).read(header.toString('utf8'))[0]!;
        const count = width.kind === 'record' ? width.fields.length : 1;
        const body = stringify(rows.map((cells) => Array.from({ length: count }, (_, i) => cells[i] ?? '')), { delimiter, record_delimiter: '\n' });
        await expectEveryRecordAccountedFor(Buffer.concat([header, Buffer.from(body, 'utf8')]), name);
      }),
      { numRuns: 300 },
    );
  });

  it('accounts for every record after random bytes follow its header', async () => {
    const formats = [...fixtures.values()];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...formats), fc.uint8Array({ maxLength: 300 }), async ({ header }, bytes) => {
        await expectEveryRecordAccountedFor(Buffer.concat([header, bytes]));
      }),
      { numRuns: 300 },
    );
  });

  it('accounts for every record of its fixture cut at any byte', async () => {
    const formats = [...fixtures.values()];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...formats), fc.double({ min: 0, max: 1, noNaN: true }), async ({ bytes, name }, at) => {
        await expectEveryRecordAccountedFor(bytes.subarray(0, Math.floor(at * bytes.length)), name);
      }),
      { numRuns: 300 },
    );
  });
});

describe('xlsx workbooks cut or corrupted', async () => {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Posts');
  sheet.addRow(['id', 'text', 'created_at']);
  for (let i = 0; i < 50; i++) sheet.addRow([String(i), `Post number ${i}, please share`, '2024-01-01T00:00:00Z']);
  const whole = Buffer.from(await workbook.xlsx.writeBuffer());

  it('fail with ExportFileError or read rows one per sheet row, never hang or crash', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: whole.length }), fc.uint8Array({ maxLength: 64 }), fc.boolean(), async (cut, noise, overwrite) => {
        const bytes = Buffer.from(whole.subarray(0, cut));
        if (overwrite) bytes.set(noise.subarray(0, Math.max(0, bytes.length - 30)), Math.min(30, bytes.length));
        const path = await folder.write('cut.xlsx', bytes);
        try {
          const opened = await openXlsxExport(path);
          const lines: number[] = [];
          for await (const row of opened.rows) lines.push(row.line);
          expect(lines).toEqual(lines.toSorted((a, b) => a - b));
          expect(new Set(lines).size).toBe(lines.length);
        } catch (error) {
          if (!(error instanceof ExportFileError)) throw error;
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe('differential: csv-stringify output reads back exactly', () => {
  const cell = fc.string({ unit: fc.constantFrom('a', 'B', '7', ' ', ',', ';', '\t', '"', '\n', '\r\n', 'é', '🌷', '\\'), maxLength: 12 });

  it('as the same records, each on the line it starts on, whatever the chunking', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }).chain((width) => fc.array(fc.array(cell, { minLength: width, maxLength: width }), { minLength: 1, maxLength: 10 })),
        fc.constantFrom(',', ';', '\t'),
        fc.constantFrom('unix', 'windows'),
        fc.boolean(),
        fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 4 }),
        (records, delimiter, recordDelimiter, quoted, chunkSizes) => {
          // A record of one empty cell would be an empty line, which is no record: quote empties.
          // csv-stringify quotes a cell holding its record delimiter, not one holding a bare `\n`
          // when records end in `\r\n`: quoted_match makes it quote every line break (RFC 4180).
          const options = { delimiter, record_delimiter: recordDelimiter, quoted, quoted_empty: true, quoted_match: /[\r\n]/ };
          const text = stringify(records, options);
          const reader = new CsvRecordReader(delimiter);
          const read: CsvRecord[] = [];
          for (let at = 0, i = 0; at < text.length; i++) {
            const size = chunkSizes[i % chunkSizes.length]!;
            read.push(...reader.read(text.slice(at, at + size)));
            at += size;
          }
          read.push(...reader.finish());
          let line = 1;
          const expected = records.map((fields) => {
            const start = line;
            line += stringify([fields], options).split('\n').length - 1;
            return { kind: 'record', line: start, fields };
          });
          expect(read.map((record) => (record.kind === 'record' ? { kind: record.kind, line: record.line, fields: record.fields } : record))).toEqual(expected);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('through openExport, as posts on those lines', async () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'B', ' ', ',', '"', '\n', 'é'), minLength: 1, maxLength: 20 }).filter((value) => value.trim() !== '');
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.nat(), text), { minLength: 1, maxLength: 8 }), async (rows) => {
        const csv = stringify([['id', 'text'], ...rows.map(([id, body]) => [String(id), body])], { record_delimiter: 'unix' });
        const opened = await openExport(await folder.write('stringified.csv', csv));
        const results: RowResult[] = [];
        for await (const row of opened.rows) results.push(row);
        let line = 2;
        const expected = rows.map(([id, body]) => {
          const start = line;
          line += stringify([[String(id), body]], { record_delimiter: 'unix' }).split('\n').length - 1;
          return { line: start, post_id: String(id), text: body.trim() };
        });
        expect(results.map((row) => (row.kind === 'post' ? { line: row.line, post_id: row.post.post_id, text: row.post.text } : row))).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });
});
