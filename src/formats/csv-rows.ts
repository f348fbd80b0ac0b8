/**
 * CSV text → one RowResult per record after the header, in file order: a post, or a rejection
 * with the line the record starts on, the reason, and the record's text. Nothing is dropped.
 */
import { RowError, type RowMapper } from './csv-format.js';
import { CsvRecordReader, type CsvDialectOptions, type CsvRecord } from './csv-records.js';
import type { RowResult } from './export-file.js';

/** Longest `raw` kept for a rejected row: enough to find and fix it, small enough for a report. */
export const MAX_RAW_CHARS = 10_000;

/** Where in the file the text given to csvRows starts. */
export interface CsvTextStart {
  /** Physical line of the first character (default 1). */
  line: number;
  /** The text starts with the header line, which is skipped (true at the file's start). */
  withHeader: boolean;
}

const FILE_START: CsvTextStart = { line: 1, withHeader: true };

/**
 * Reads `chunks` (by default the whole file's text, header included) and maps every record after
 * the header, which the caller already read from the file's start as `header`. `dialect` is the
 * format's (`CsvFormat.backslashEscapes`); `from` says where a part of the file starts
 * (a segment, see csv-segments.ts).
 */
export async function* csvRows(
  chunks: AsyncIterable<string>,
  delimiter: string,
  header: readonly string[],
  mapRow: RowMapper,
  dialect: CsvDialectOptions = {},
  from: CsvTextStart = FILE_START,
): AsyncGenerator<RowResult> {
  let isHeader = from.withHeader;
  for await (const records of recordBatches(chunks, new CsvRecordReader(delimiter, dialect, from.line))) {
    for (const record of records) {
      if (isHeader) isHeader = false;
      else yield rowResult(record, header, mapRow);
    }
  }
}

async function* recordBatches(chunks: AsyncIterable<string>, reader: CsvRecordReader): AsyncGenerator<CsvRecord[]> {
  for await (const chunk of chunks) yield reader.read(chunk);
  yield reader.finish();
}

function rowResult(record: CsvRecord, header: readonly string[], mapRow: RowMapper): RowResult {
  if (record.kind === 'malformed') {
    const where = record.column === null ? '' : ` in column ${record.column + 1}${columnName(header, record.column)}`;
    return rejected(record.line, `CSV syntax error${where}: ${record.problem}; the next line is read as a new row`, record.raw);
  }
  if (record.fields.length !== header.length) {
    return rejected(record.line, `expected ${header.length} columns, found ${record.fields.length}`, record.raw);
  }
  try {
    return { kind: 'post', line: record.line, post: mapRow(record.fields, record.line) };
  } catch (error) {
    if (error instanceof RowError) return rejected(record.line, error.reason, record.raw);
    throw error;
  }
}

function rejected(line: number, reason: string, raw: string): RowResult {
  return { kind: 'rejected', line, reason, raw: raw.length > MAX_RAW_CHARS ? `${raw.slice(0, MAX_RAW_CHARS)}…` : raw };
}

function columnName(header: readonly string[], column: number): string {
  const name = header[column];
  return name === undefined || name === '' ? '' : ` (${name})`;
}
