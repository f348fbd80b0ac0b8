import type { ColumnMapping, Post } from '../types/contracts.js';

/** What a format needs to know about the file whose rows it maps. */
export interface RowMapperContext {
  /** Name recorded in `post.source.file` and in messages. */
  fileName: string;
  /** The user's column mapping (`--mapping`), for formats that take one. */
  mapping?: ColumnMapping;
  /** Labels of the specific formats the header did not match, for the generic reader's message. */
  triedFormats?: readonly string[];
}

/**
 * Turns one CSV record (as many cells as the header has columns) into a Post, or throws RowError
 * when the record cannot be a post. `line` is the physical line the record starts on.
 */
export type RowMapper = (record: readonly string[], line: number) => Post;

/** An export format that is a CSV/TSV file with a header line. */
export interface CsvFormat {
  /** Recorded in `post.source.format` and the manifest, e.g. `crowdtangle-facebook`. */
  id: string;
  /** What a researcher would call it, for messages and docs. */
  label: string;
  kind: 'csv';
  /**
   * The tool writes CSV with PHP's fputcsv, which escapes a quote with a backslash (`\"`)
   * instead of doubling it: the reader keeps such a quote in the cell (pass it to csvRows).
   */
  backslashEscapes?: boolean;
  /** Whether a header (cells trimmed, BOM removed) is this format's. Cheap: runs once per file per format. */
  matchesHeader(header: readonly string[]): boolean;
  /**
   * Runs once per file: resolves columns to indexes, so that mapping a row costs only lookups.
   * Throws ExportFileError when the file cannot be read as this format (e.g. no text column).
   */
  createRowMapper(header: readonly string[], context: RowMapperContext): RowMapper;
}

/** The record is read but cannot be a post; the reason names the column and says what is wrong. */
export class RowError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'RowError';
  }
}
