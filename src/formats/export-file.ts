import type { Post } from '../types/contracts.js';

/** What became of one input row: a post, or a rejection with the line it stood on. */
export type RowResult =
  | { kind: 'post'; line: number; post: Post }
  | { kind: 'rejected'; line: number; reason: string; raw: string };

/** An export file whose format was recognised, ready to be streamed row by row. */
export interface OpenedExport {
  /** Format id, e.g. `crowdtangle-facebook`, `generic-csv`. */
  format: string;
  /** Encoding the file was read with, e.g. `utf-8`, `utf-8-bom`. */
  encoding: string;
  /** Rows in file order; iterating streams the file, it is never read whole. */
  rows: AsyncIterable<RowResult>;
  /** Set for a CSV file that can also be read in segments (csv-segments.ts, readCsvSegment). */
  layout?: CsvLayout;
}

/**
 * What reading part of a CSV export needs to know of the whole: given only for encodings that
 * write the CSV syntax characters as single ASCII bytes, and for the RFC 4180 dialect.
 */
export interface CsvLayout {
  format: string;
  encoding: 'utf-8' | 'utf-8-bom' | 'windows-1252';
  delimiter: string;
  header: string[];
}

/**
 * The file as a whole cannot be coded: unknown format, empty, no text column, unreadable.
 * The message names the file and says what to do; the run records it against this file only.
 */
export class ExportFileError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
    this.name = 'ExportFileError';
  }
}
