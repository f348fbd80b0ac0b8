/**
 * Opening an export file: from a sample of its first bytes, find the encoding, the delimiter,
 * the header and the format, and fail early, with a message saying what to do, when the file as
 * a whole cannot be read. Rows are then streamed: the file is never held in memory whole.
 * A file that starts with `{` or `[` is JSON (a document or NDJSON, json-rows.ts); a ZIP archive
 * is read as an Excel workbook (xlsx-export.ts).
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import type { ColumnMapping } from '../types/contracts.js';
import { CsvRecordReader } from './csv-records.js';
import { csvRows } from './csv-rows.js';
import type { CsvSegment } from './csv-segments.js';
import { sniffDelimiter } from './delimiter.js';
import { ExportFileError, type CsvLayout, type OpenedExport, type RowResult } from './export-file.js';
import { jsonRows, sampleJson } from './json-rows.js';
import { detectCsvFormat, detectJsonFormat, specificJsonFormatLabels, specificCsvFormatLabels } from './registry.js';
import { createDecoder, detectEncoding, type TextEncodingName } from './text-encoding.js';
import { openXlsxExport } from './xlsx-export.js';

/** Bytes read to recognise a file; a header line must end within them. */
export const SAMPLE_BYTES = 64 * 1024;
const READ_CHUNK_BYTES = 64 * 1024;
/** Largest piece a segment is read in: a segment of very long records is read in several. */
const MAX_SEGMENT_CHUNK_BYTES = 4 << 20;
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

export interface OpenExportOptions {
  /** The user's column mapping (`--mapping`): the file is then read as generic CSV with it. */
  mapping?: ColumnMapping;
  /** Name for `post.source.file` and messages; default: the file name of `path`. */
  fileName?: string;
}

/**
 * Recognises the export at `path` and returns its rows as a stream. Throws ExportFileError when
 * the file cannot be read as a whole (missing, empty, not text, no header, no text column); the
 * row iterator throws it too for problems met later (the file vanishing while it is read).
 */
export async function openExport(path: string, options: OpenExportOptions = {}): Promise<OpenedExport> {
  const fileName = options.fileName ?? basename(path);
  const fail = (reason: string): ExportFileError => new ExportFileError(fileName, reason);

  const { sample, wholeFile } = await readSample(path, fileName);
  if (sample.length === 0) throw fail('the file is empty (0 bytes): export the posts again, or leave this file out');
  // Every .xlsx workbook is a ZIP archive: its first worksheet is read like a CSV file.
  if (ZIP_MAGIC.every((byte, i) => sample[i] === byte)) return openXlsxExport(path, { ...options, fileName });
  const detected = detectEncoding(sample);
  if ('problem' in detected) throw fail(`the file ${detected.problem}`);
  const { encoding } = detected;
  const decoder = createDecoder(encoding);
  const sampleText = decoder.write(sample) + (wholeFile ? decoder.end() : '');

  if (wholeFile && sampleText.trim() === '') throw fail('the file holds only blank lines, no header and no posts: export the posts again');
  if (/^\s*[[{]/.test(sampleText)) return openJsonExport(path, sampleText, wholeFile, encoding, fileName, options.mapping);
  if (!sampleText.includes('\n') && /\r./s.test(sampleText)) {
    throw fail('the lines of the file end in a carriage return only (old Mac style): save it again as "CSV UTF-8" in Excel or LibreOffice');
  }
  const delimiter = options.mapping?.delimiter ?? sniffDelimiter(sampleText);
  const header = readHeader(sampleText, delimiter, wholeFile, fail);
  const format = detectCsvFormat(header, options.mapping);
  const mapRow = format.createRowMapper(header, { fileName, mapping: options.mapping, triedFormats: specificCsvFormatLabels() });
  const backslashEscapes = format.backslashEscapes === true;
  const segmentable = !backslashEscapes && delimiter.charCodeAt(0) < 0x80 && (encoding === 'utf-8' || encoding === 'utf-8-bom' || encoding === 'windows-1252');
  return {
    format: format.id,
    encoding,
    rows: {
      [Symbol.asyncIterator]: () => csvRows(decodedChunks(path, encoding, fileName), delimiter, header, mapRow, { backslashEscapes }),
    },
    ...(segmentable ? { layout: { format: format.id, encoding, delimiter, header } } : {}),
  };
}

/**
 * The rows of one segment of a CSV file that openExport gave a layout for: bytes `start` up to
 * `end` (or the file's end), records from line `line` on. The format is recognised from the
 * header again, as openExport did, so a worker needs only the layout to read its segment.
 */
export function readCsvSegment(path: string, layout: CsvLayout, segment: Pick<CsvSegment, 'start' | 'line'> & { end?: number }, options: OpenExportOptions = {}): AsyncIterable<RowResult> {
  const fileName = options.fileName ?? basename(path);
  const format = detectCsvFormat(layout.header, options.mapping);
  if (format.id !== layout.format) {
    throw new Error(`${fileName}: this worker reads the header as ${format.id}, the one that cut the file into segments read it as ${layout.format}: run the same ctacode version on every machine`);
  }
  const mapRow = format.createRowMapper(layout.header, { fileName, mapping: options.mapping, triedFormats: specificCsvFormatLabels() });
  // Past the file's start there is no byte order mark to drop: a U+FEFF there is text.
  const encoding = layout.encoding === 'utf-8-bom' ? 'utf-8' : layout.encoding;
  const range = { start: segment.start, ...(segment.end === undefined ? {} : { end: segment.end }) };
  return {
    [Symbol.asyncIterator]: () => csvRows(decodedChunks(path, encoding, fileName, range), layout.delimiter, layout.header, mapRow, {}, { line: segment.line, withHeader: false }),
  };
}

/**
 * A JSON export (a document, or NDJSON/JSONL): its layout and keys from the sample decide the
 * format and where the posts are in it; the items are then streamed.
 */
function openJsonExport(path: string, sampleText: string, wholeFile: boolean, encoding: TextEncodingName, fileName: string, mapping: ColumnMapping | undefined): OpenedExport {
  const sample = sampleJson(sampleText, wholeFile);
  const { format, items } = detectJsonFormat(sample, mapping);
  const mapItem = format.createItemMapper({ fileName, mapping, sample, formatsTried: specificJsonFormatLabels() });
  return {
    format: format.id,
    encoding,
    rows: { [Symbol.asyncIterator]: () => jsonRows(decodedChunks(path, encoding, fileName), sample.layout, items, mapItem) },
  };
}

/** The first SAMPLE_BYTES of the file, and whether that is all of it. */
async function readSample(path: string, fileName: string): Promise<{ sample: Buffer; wholeFile: boolean }> {
  try {
    const handle = await open(path, 'r');
    try {
      // One byte more than the sample tells whether the file goes on after it.
      const buffer = Buffer.alloc(SAMPLE_BYTES + 1);
      let filled = 0;
      for (;;) {
        const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filled);
        filled += bytesRead;
        if (bytesRead === 0 || filled === buffer.length) break;
      }
      return { sample: buffer.subarray(0, Math.min(filled, SAMPLE_BYTES)), wholeFile: filled <= SAMPLE_BYTES };
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw new ExportFileError(fileName, unreadable(error));
  }
}

function readHeader(sampleText: string, delimiter: string, wholeFile: boolean, fail: (reason: string) => ExportFileError): string[] {
  const reader = new CsvRecordReader(delimiter);
  const [first] = [...reader.read(sampleText), ...(wholeFile ? reader.finish() : [])];
  if (first === undefined) {
    throw fail(`no recognisable header: the first ${SAMPLE_BYTES / 1024} KiB hold no complete line, so this is not a CSV export; export the posts as CSV`);
  }
  if (first.kind === 'malformed') throw fail(`cannot read the header line (line ${first.line}): ${first.problem}; repair the first line of the file`);
  const header = first.fields.map((cell) => cell.trim());
  if (header.every((name) => name === '')) {
    throw fail(`no recognisable header: line ${first.line} has no column names; add a header line that names the columns, e.g. id,author,created_at,text`);
  }
  return header;
}

/**
 * The file's text in chunks, or that of bytes `range.start` up to `range.end`; a multi-byte
 * character split between chunks is decoded whole.
 */
async function* decodedChunks(path: string, encoding: TextEncodingName, fileName: string, range: { start: number; end?: number } = { start: 0 }): AsyncGenerator<string> {
  const decoder = createDecoder(encoding);
  if (range.end !== undefined && range.end <= range.start) return;
  // A segment (a batch's records, about 0.4 MB) is read in one piece: each chunk more is a trip to
  // libuv's threads, a decoded string and a resumption of the reader.
  const chunkBytes = range.end === undefined ? READ_CHUNK_BYTES : Math.min(range.end - range.start, MAX_SEGMENT_CHUNK_BYTES);
  const bytes = createReadStream(path, { highWaterMark: chunkBytes, start: range.start, ...(range.end === undefined ? {} : { end: range.end - 1 }) });
  try {
    for await (const chunk of bytes) yield decoder.write(chunk as Buffer);
  } catch (error) {
    throw new ExportFileError(fileName, unreadable(error));
  }
  yield decoder.end();
}

function unreadable(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'the file does not exist: check the path';
  if (code === 'EISDIR') return 'this is a folder, not a file: pass the files in it, or the folder to `ctacode run`';
  if (code === 'EACCES' || code === 'EPERM') return 'the file cannot be read (permission denied): check its permissions';
  return `the file cannot be read: ${(error as Error).message}`;
}
