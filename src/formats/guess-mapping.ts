/**
 * A first mapping file for an export ctacode does not recognise (`ctacode mapping init`): the
 * columns found under the usual names, and a guess at the text column where none has a usual
 * name, for the researcher to check and edit.
 */
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import type { ColumnMapping } from '../types/contracts.js';
import { CsvRecordReader } from './csv-records.js';
import { sniffDelimiter } from './delimiter.js';
import { ExportFileError } from './export-file.js';
import { COLUMN_ALIASES } from './generic-csv.js';
import { columnKey } from './header-columns.js';
import { createDecoder, detectEncoding } from './text-encoding.js';
import { parseTimestamp } from './timestamps.js';
import { looksLikeZip, readXlsxSample } from './xlsx-export.js';

const SAMPLE_BYTES = 64 * 1024;
const SAMPLE_ROWS = 50;

type PostField = keyof ColumnMapping['columns'];

export interface GuessedMapping {
  mapping: ColumnMapping;
  /** Every column of the file, in order. */
  columns: string[];
  /** How the text column was chosen: by its name, or as the column with the longest texts. */
  textGuess: 'name' | 'longest-cells';
  /** Fields whose column was chosen by its values rather than its name (created_at: the column whose cells are dates). */
  guessedByContent: PostField[];
  /** Fields no column was found for. */
  unmapped: PostField[];
}

/** Reads the header and first rows of a CSV/TSV file or an xlsx workbook and guesses a mapping. */
export async function guessMapping(path: string): Promise<GuessedMapping> {
  const fileName = basename(path);
  if (await looksLikeZip(path)) {
    const [header = [], ...rows] = await readXlsxSample(path, SAMPLE_ROWS + 1, fileName);
    return guessFromSample(header.map((cell) => cell.trim()), rows, undefined, fileName);
  }
  const { text, delimiter } = await readCsvSample(path, fileName);
  const records = new CsvRecordReader(delimiter).read(text).flatMap((record) => (record.kind === 'record' ? [record.fields] : []));
  const [header = [], ...rows] = records.slice(0, SAMPLE_ROWS + 1);
  return guessFromSample(header.map((cell) => cell.trim()), rows, delimiter, fileName);
}

/** A mapping from a header and sample rows; exported for tests. */
export function guessFromSample(header: readonly string[], rows: readonly string[][], delimiter: string | undefined, fileName: string): GuessedMapping {
  const named = header.map((name, index) => ({ name, index })).filter(({ name }) => name !== '');
  if (named.length === 0) throw new ExportFileError(fileName, 'the first line has no column names, so there is nothing to map: add a header line that names the columns');
  const keys = header.map(columnKey);
  const taken = new Set<number>();
  const columns: Partial<Record<PostField, string>> = {};
  for (const field of Object.keys(COLUMN_ALIASES) as PostField[]) {
    for (const alias of COLUMN_ALIASES[field]) {
      const index = keys.indexOf(alias);
      if (index !== -1 && !taken.has(index)) {
        columns[field] = header[index]!;
        taken.add(index);
        break;
      }
    }
  }
  let textGuess: GuessedMapping['textGuess'] = 'name';
  if (columns.text === undefined) {
    textGuess = 'longest-cells';
    const free = named.filter(({ index }) => !taken.has(index));
    const candidates = free.length > 0 ? free : named;
    const best = candidates.reduce((longest, column) => (meanTextLength(rows, column.index) > meanTextLength(rows, longest.index) ? column : longest));
    columns.text = best.name;
  }
  const guessedByContent: PostField[] = [];
  if (columns.created_at === undefined && rows.length > 0) {
    const dates = named.find(({ index }) => !taken.has(index) && rows.every((row) => {
      const cell = (row[index] ?? '').trim();
      return cell === '' || parseTimestamp(cell) !== undefined;
    }) && rows.some((row) => (row[index] ?? '').trim() !== ''));
    if (dates !== undefined) {
      columns.created_at = dates.name;
      taken.add(dates.index);
      guessedByContent.push('created_at');
    }
  }
  const mappedColumns = { text: columns.text, ...columns };
  // The delimiter first: it is what a reader of the file checks before the columns.
  const mapping: ColumnMapping = delimiter !== undefined && delimiter !== ','
    ? { delimiter: delimiter as NonNullable<ColumnMapping['delimiter']>, columns: mappedColumns }
    : { columns: mappedColumns };
  const unmapped = (Object.keys(COLUMN_ALIASES) as PostField[]).filter((field) => columns[field] === undefined);
  return { mapping, columns: header.filter((name) => name !== ''), textGuess, guessedByContent, unmapped };
}

/** Mean length of the cells that look like prose (not numbers, dates or links): the text column has the longest. */
function meanTextLength(rows: readonly string[][], index: number): number {
  let total = 0;
  for (const row of rows) {
    const cell = (row[index] ?? '').trim();
    if (/^(?:https?:\/\/\S+|[\d\s.,:/+\-TZ]*)$/i.test(cell)) continue;
    total += cell.length + 10 * (cell.split(/\s+/).length - 1);
  }
  return rows.length === 0 ? 0 : total / rows.length;
}

async function readCsvSample(path: string, fileName: string): Promise<{ text: string; delimiter: string }> {
  let sample: Buffer;
  try {
    const handle = await open(path, 'r');
    try {
      const buffer = Buffer.alloc(SAMPLE_BYTES);
      const { bytesRead } = await handle.read(buffer, 0, SAMPLE_BYTES, 0);
      sample = buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ExportFileError(fileName, code === 'ENOENT' ? 'the file does not exist: check the path' : `the file cannot be read: ${(error as Error).message}`);
  }
  if (sample.length === 0) throw new ExportFileError(fileName, 'the file is empty (0 bytes)');
  const detected = detectEncoding(sample);
  if ('problem' in detected) throw new ExportFileError(fileName, `the file ${detected.problem}`);
  const text = createDecoder(detected.encoding).write(sample);
  if (/^\s*[[{]/.test(text)) {
    throw new ExportFileError(fileName, 'this is a JSON file, and mapping init reads CSV, TSV and xlsx files: write the mapping by hand, with key paths as column names (see docs/formats.md)');
  }
  // The sample's last line may be cut: only whole lines are read.
  const lastLineEnd = text.lastIndexOf('\n');
  const whole = sample.length < SAMPLE_BYTES || lastLineEnd === -1 ? text : text.slice(0, lastLineEnd + 1);
  return { text: whole, delimiter: sniffDelimiter(whole) };
}
