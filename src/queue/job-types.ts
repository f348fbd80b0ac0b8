import type { OutputOptions, PeriodUnit } from '../aggregate/output-options.js';
import type { CsvLayout } from '../formats/export-file.js';
import type { CsvSegment } from '../formats/csv-segments.js';
import type { ColumnMapping, Post } from '../types/contracts.js';

/** One input file of a run, in the order the user gave. */
export interface InputFile {
  index: number;
  path: string;
  /** File name as recorded in the outputs (basename). */
  name: string;
}

/** Everything the aggregate step needs to know about a run; the data of the run's aggregate job. */
export interface RunSpec {
  runId: string;
  runDir: string;
  createdAt: string;
  files: InputFile[];
  mapping?: ColumnMapping;
  batchSize: number;
  /** Rows of periods.csv (default day). */
  period?: PeriodUnit;
  /** alliances.csv window in days (default 7). */
  allianceWindowDays?: number;
  /** Also write Excel-friendly copies. */
  excel?: boolean;
  /** Pseudonymise with the key in this file (in the data folder, outside the run; the key itself never travels through Redis). */
  pseudonymKeyFile?: string;
  /** Leave post text and evidence text out. */
  noText?: boolean;
}

/** What ingest learned about one file. */
export interface FileSummary {
  index: number;
  name: string;
  path: string;
  sha256: string;
  bytes: number;
  format: string;
  encoding: string;
  rowsRead: number;
  /** Rows that became posts, duplicates still included: the aggregate step removes those. */
  rowsParsed: number;
  rowsRejected: number;
  batches: number;
}

/** The run options the coding workers need to render a batch's rows of coded_posts.csv. */
export type RowOptions = Pick<OutputOptions, 'noText' | 'pseudonymKeyFile'>;

export interface IngestJobData {
  runId: string;
  runDir: string;
  rowOptions: RowOptions;
  file: InputFile;
  mapping?: ColumnMapping;
  batchSize: number;
  /**
   * Set once the file is read and all batches are queued; a retry then only waits for them. Its
   * rowsRejected are the rows ingest rejected itself, and rowsParsed is 0: the coding batches
   * report their posts and, for segments, their rejected rows, which are added once they are done.
   */
  summary?: FileSummary;
}

interface CodeJobBase {
  runId: string;
  runDir: string;
  rowOptions: RowOptions;
  fileIndex: number;
  batchIndex: number;
}

/**
 * A coding batch: posts that ingest read, or a segment of a CSV file (whole records, see
 * csv-segments.ts) that the coding worker reads itself, so that Redis carries a few numbers
 * instead of the posts and the parsing is spread over the workers.
 */
export type CodeJobData = CodeJobBase & ({ posts: Post[] } | { segment: FileSegment });

export interface FileSegment extends CsvSegment {
  file: {
    path: string;
    name: string;
    /** Size and modification time when ingest read it: a file changed since is not read again. */
    size: number;
    mtimeMs: number;
  };
  layout: CsvLayout;
  mapping?: ColumnMapping;
}

export interface CodeJobResult {
  posts: number;
  ctaPosts: number;
  /** Rows of a segment that were not accepted (always 0 for posts that ingest read). */
  rowsRejected: number;
}

export type RunStatus = 'completed' | 'completed_with_errors' | 'failed';

export interface RunResult {
  runId: string;
  runDir: string;
  status: RunStatus;
  /** One line for the terminal: what was coded, or what went wrong and where. */
  message: string;
}

/** An input row that was not accepted, as kept for rejected_rows.csv. */
export interface RejectedRow {
  file: string;
  line: number;
  reason: string;
  raw: string;
}
