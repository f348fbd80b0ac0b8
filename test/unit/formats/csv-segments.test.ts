/**
 * The segmenter must cut a file only where CsvRecordReader, reading the whole file, starts a
 * record: reading the segments one by one (and the rest, where the scanner stopped) must give the
 * records of the whole file, with the same lines. Checked on hand-made cases and as a property
 * on random CSV-like bytes, fed in random chunk sizes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvRecordReader, type CsvRecord } from '../../../src/formats/csv-records.js';
import { CsvSegmenter, type CsvScanStop, type CsvSegment } from '../../../src/formats/csv-segments.js';

function readRecords(text: string, delimiter: string, firstLine = 1): CsvRecord[] {
  const reader = new CsvRecordReader(delimiter, {}, firstLine);
  return [...reader.read(text), ...reader.finish()];
}

function segment(bytes: Buffer, { delimiter = ',', perSegment = 2, chunk = bytes.length || 1, maxRecordBytes = 1 << 20 } = {}): { segments: CsvSegment[]; stop: CsvScanStop | null } {
  const segmenter = new CsvSegmenter(delimiter, perSegment, { maxRecordBytes });
  const segments: CsvSegment[] = [];
  for (let i = 0; i < bytes.length; i += chunk) segments.push(...segmenter.push(bytes.subarray(i, i + chunk)));
  segments.push(...segmenter.finish());
  return { segments, stop: segmenter.stop };
}

/** The records of the whole file, read as the segments and the rest say, header left out. */
function readInParts(bytes: Buffer, delimiter: string, { segments, stop }: { segments: CsvSegment[]; stop: CsvScanStop | null }): CsvRecord[] {
  if (stop?.inHeader) return readRecords(bytes.toString('utf8').replace(/^\uFEFF/, ''), delimiter).slice(1);
  const records = segments.flatMap((s) => readRecords(bytes.subarray(s.start, s.end).toString('utf8'), delimiter, s.line));
  if (stop) records.push(...readRecords(bytes.subarray(stop.start).toString('utf8'), delimiter, stop.line));
  return records;
}

function wholeFile(bytes: Buffer, delimiter: string): CsvRecord[] {
  return readRecords(bytes.toString('utf8').replace(/^\uFEFF/, ''), delimiter).slice(1);
}

describe('CsvSegmenter', () => {
  it('cuts after every N records, leaves out the header, and numbers lines across multi-line cells', () => {
    const bytes = Buffer.from('id,text\n1,"two\nlines"\n\n2,b\r\n3,"c ""q"""\n4,d');
    const { segments, stop } = segment(bytes);
    expect(stop).toBeNull();
    expect(segments.map(({ line, records }) => ({ line, records }))).toEqual([
      { line: 2, records: 2 },
      { line: 6, records: 2 },
    ]);
    expect(segments[0]!.start).toBe('id,text\n'.length);
    expect(segments[1]!.end).toBe(bytes.length);
    expect(readInParts(bytes, ',', { segments, stop })).toEqual(wholeFile(bytes, ','));
  });

  it('skips a UTF-8 byte order mark and keeps multi-byte characters whole', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('"id","text"\n1,"Straße ✊"\n2,ü\n3,é')]);
    const parts = segment(bytes, { chunk: 3 });
    expect(parts.stop).toBeNull();
    expect(parts.segments.map((s) => s.records)).toEqual([2, 1]);
    expect(readInParts(bytes, ',', parts)).toEqual(wholeFile(bytes, ','));
  });

  it('stops at the first record with a syntax error, so that the reader recovers from it as in one stream', () => {
    const bytes = Buffer.from('id,text\n1,a\n2,"broken" here\n3,"unclosed\n4,d\n');
    const parts = segment(bytes, { perSegment: 5 });
    expect(parts.stop).toMatchObject({ start: 'id,text\n1,a\n'.length, line: 3, inHeader: false });
    expect(parts.segments).toEqual([{ start: 8, end: 12, line: 2, records: 1 }]);
    expect(readInParts(bytes, ',', parts)).toEqual(wholeFile(bytes, ','));
  });

  it('stops at a record longer than the limit and in a broken header', () => {
    const long = Buffer.from(`id,text\n1,a\n2,"${'x'.repeat(100)}"\n3,c\n`);
    expect(segment(long, { maxRecordBytes: 50, chunk: 7 }).stop).toMatchObject({ line: 3, inHeader: false });
    expect(segment(Buffer.from('"id" x,text\n1,a\n')).stop).toMatchObject({ start: 0, inHeader: true });
  });

  const csvish = fc.constantFrom('a', 'b', ',', ',', ';', '"', '"', '""', '\n', '\n', '\r\n', '\r', ' ', 'é', '✊', '\uFEFF');
  const noise = fc.array(csvish, { maxLength: 200 }).map((parts) => parts.join(''));
  // Mostly well-formed files, so that most are cut into several segments, with a little noise.
  const text = fc.array(fc.constantFrom('a', 'b', ' ', 'é', '✊', ','), { maxLength: 6 }).map((parts) => parts.join(''));
  const quoted = fc.array(fc.constantFrom('a', ',', ';', '""', '\n', '\r\n', '✊'), { maxLength: 6 }).map((parts) => `"${parts.join('')}"`);
  const cell = fc.oneof({ weight: 4, arbitrary: text.map((t) => t.replaceAll(',', '')) }, { weight: 4, arbitrary: quoted }, { weight: 1, arbitrary: csvish });
  const line = fc.tuple(fc.array(cell, { minLength: 1, maxLength: 4 }), fc.constantFrom('\n', '\n', '\r\n', '\n\n', '\r\n\r\n')).map(([cells, end]) => cells.join(',') + end);
  const records = fc.array(line, { maxLength: 30 }).map((lines) => lines.join(''));
  const files = fc.oneof(noise, records);

  it('gives the records of the whole file, with their lines, on any text in any chunks', () => {
    fc.assert(
      fc.property(files, fc.boolean(), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 40 }), fc.constantFrom(',', ';'), (text, bom, perSegment, chunk, delimiter) => {
        const bytes = Buffer.concat([Buffer.from(bom ? [0xef, 0xbb, 0xbf] : []), Buffer.from(text)]);
        const parts = segment(bytes, { delimiter, perSegment, chunk, maxRecordBytes: 60 });
        expect(readInParts(bytes, delimiter, parts)).toEqual(wholeFile(bytes, delimiter));
        for (const s of parts.segments) {
          expect(s.records).toBeGreaterThan(0);
          expect(readRecords(bytes.subarray(s.start, s.end).toString('utf8'), delimiter, s.line)).toHaveLength(s.records);
        }
      }),
      { numRuns: 3000 },
    );
  });
});
