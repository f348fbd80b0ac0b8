/**
 * Excel workbooks (`.xlsx`): the first worksheet is read like a CSV file, its first non-empty row
 * being the header, and recognised by the same formats (a CrowdTangle or Apify export saved as
 * xlsx, or any sheet with a text column, or a mapping). Rows are streamed with exceljs'
 * streaming reader, so a big workbook is never held whole (only its table of distinct strings).
 *
 * Cells become text as a CSV export would hold them. Excel stores numbers as doubles with at most
 * 15 significant digits, so a 16–19 digit id typed as a number has lost its last digits: such a
 * number becomes scientific notation (`1.04058273118062e+15`), and the formats reject the row when
 * it stands in an id column, with a reason. Dates become `YYYY-MM-DD HH:MM:SS` wall-clock time
 * (Excel stores no zone), read in the mapping's time zone (default UTC).
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { RowError, type RowMapper } from './csv-format.js';
import { MAX_RAW_CHARS } from './csv-rows.js';
import { ExportFileError, type OpenedExport, type RowResult } from './export-file.js';
import type { OpenExportOptions } from './open-export.js';
import { loadExcelJs } from '../runtime/load-exceljs.js';
import { detectCsvFormat, specificCsvFormatLabels } from './registry.js';

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
/** Above this, Excel cannot have kept every digit of an integer. */
const EXACT_DIGITS = 15;

/** Whether the file at `path` starts like a ZIP archive (every .xlsx is one). */
export async function looksLikeZip(path: string): Promise<boolean> {
  try {
    const handle = await open(path, 'r');
    try {
      const bytes = Buffer.alloc(ZIP_MAGIC.length);
      const { bytesRead } = await handle.read(bytes, 0, bytes.length, 0);
      return bytesRead === bytes.length && ZIP_MAGIC.every((byte, i) => bytes[i] === byte);
    } finally {
      await handle.close();
    }
  } catch {
    return false;
  }
}

/** A ZIP archive ends with its central directory's end record, at most 64 KiB of comment after it. */
const EOCD_SIGNATURE = Buffer.from([0x50, 0x4b, 0x05, 0x06]);
const EOCD_SEARCH_BYTES = 22 + 0xffff;

/**
 * Refuses a workbook that was cut off or damaged before streaming it: exceljs' zip reader can
 * wait forever on an entry whose sizes are garbage, and a cut-off file is better named as such.
 */
async function checkZipEnd(path: string, fileName: string): Promise<void> {
  let tail: Buffer;
  try {
    const handle = await open(path, 'r');
    try {
      const { size } = await handle.stat();
      const length = Math.min(size, EOCD_SEARCH_BYTES);
      tail = Buffer.alloc(length);
      await handle.read(tail, 0, length, size - length);
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw new ExportFileError(fileName, unreadable(error));
  }
  if (tail.lastIndexOf(EOCD_SIGNATURE) === -1) {
    throw new ExportFileError(fileName, 'the workbook is incomplete or damaged (its end is missing, e.g. a download that was cut off): download or save it again, or save it as "CSV UTF-8"');
  }
}

interface SheetRow {
  number: number;
  cells: string[];
}

/**
 * Opens the first worksheet of the workbook at `path` and returns its rows as a stream, like
 * openExport does for CSV. Throws ExportFileError when the workbook cannot be read, has no
 * header row, or no format takes its header.
 */
export async function openXlsxExport(path: string, options: OpenExportOptions = {}): Promise<OpenedExport> {
  const fileName = options.fileName ?? basename(path);
  const fail = (reason: string): ExportFileError => new ExportFileError(fileName, reason);

  await checkZipEnd(path, fileName);
  let headerRow: SheetRow | undefined;
  const rows = sheetRows(path, fileName);
  try {
    for await (const row of rows) {
      headerRow = row;
      break;
    }
  } finally {
    await rows.return(undefined);
  }
  if (headerRow === undefined) throw fail('the workbook\'s first worksheet is empty: put the posts on the first sheet, with a header row that names the columns');
  const header = trimTrailingEmpty(headerRow.cells.map((cell) => cell.trim()));
  const format = detectCsvFormat(header, options.mapping);
  const mapRow = format.createRowMapper(header, { fileName, mapping: options.mapping, triedFormats: specificCsvFormatLabels() });
  const formatId = format.id === 'generic-csv' ? 'generic-xlsx' : format.id;
  return {
    format: formatId,
    encoding: 'xlsx',
    rows: { [Symbol.asyncIterator]: () => xlsxRows(path, fileName, header, headerRow.number, mapRow, formatId) },
  };
}

async function* xlsxRows(path: string, fileName: string, header: readonly string[], headerNumber: number, mapRow: RowMapper, formatId: string): AsyncGenerator<RowResult> {
  for await (const row of sheetRows(path, fileName)) {
    if (row.number <= headerNumber) continue;
    const result = rowResult(row, header, mapRow);
    if (result.kind === 'post' && result.post.source.format === 'generic-csv') result.post.source = { ...result.post.source, format: formatId };
    yield result;
  }
}

function rowResult(row: SheetRow, header: readonly string[], mapRow: RowMapper): RowResult {
  const cells = trimTrailingEmpty(row.cells);
  const raw = cells.join('\t');
  if (cells.length > header.length) return rejected(row.number, `expected ${header.length} columns, found ${cells.length}`, raw);
  while (cells.length < header.length) cells.push('');
  try {
    return { kind: 'post', line: row.number, post: mapRow(cells, row.number) };
  } catch (error) {
    if (error instanceof RowError) return rejected(row.number, error.reason, raw);
    throw error;
  }
}

function rejected(line: number, reason: string, raw: string): RowResult {
  return { kind: 'rejected', line, reason, raw: raw.length > MAX_RAW_CHARS ? `${raw.slice(0, MAX_RAW_CHARS)}…` : raw };
}

/**
 * The first `count` non-empty rows of the first worksheet, cells as text: the header and a few
 * rows, for guessing a mapping (`ctacode mapping init`).
 */
export async function readXlsxSample(path: string, count: number, fileName = basename(path)): Promise<string[][]> {
  await checkZipEnd(path, fileName);
  const sample: string[][] = [];
  const rows = sheetRows(path, fileName);
  try {
    for await (const row of rows) {
      sample.push(row.cells);
      if (sample.length >= count) break;
    }
  } finally {
    await rows.return(undefined);
  }
  return sample;
}

/** The non-empty rows of the first worksheet, cells as text (index 0 = column A). */
async function* sheetRows(path: string, fileName: string): AsyncGenerator<SheetRow> {
  const ExcelJS = await loadExcelJs();
  const input = createReadStream(path);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore',
  });
  try {
    for await (const worksheet of reader) {
      for await (const row of worksheet) {
        const values = row.values as unknown[];
        const cells: string[] = [];
        for (let column = 1; column < values.length; column++) cells.push(cellText(values[column]));
        if (cells.some((cell) => cell.trim() !== '')) yield { number: row.number, cells };
      }
      return;
    }
  } catch (error) {
    if (error instanceof ExportFileError) throw error;
    throw new ExportFileError(fileName, unreadable(error));
  } finally {
    input.destroy();
  }
}

function unreadable(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'the file does not exist: check the path';
  if (code === 'EISDIR') return 'this is a folder, not a file';
  if (code === 'EACCES' || code === 'EPERM') return 'the file cannot be read (permission denied): check its permissions';
  return `the workbook cannot be read (${(error as Error).message}): open it in Excel or LibreOffice and save it again as .xlsx, or as "CSV UTF-8"`;
}

/** One cell's value as the text a CSV export would hold. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return numberText(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return dateText(value);
  if (typeof value === 'object') {
    const cell = value as { richText?: { text: string }[]; text?: unknown; result?: unknown; error?: unknown; formula?: unknown; sharedFormula?: unknown };
    if (Array.isArray(cell.richText)) return cell.richText.map((run) => run.text).join('');
    if ('formula' in cell || 'sharedFormula' in cell) return cellText(cell.result);
    if ('text' in cell) return cellText(cell.text);
    if ('error' in cell) return '';
  }
  return '';
}

/**
 * A number as text. An integer of more than 15 digits whose digits after the 15th are all 0 (or
 * that is beyond what a double holds exactly) is how Excel stores a long id it rounded: it is
 * written in scientific notation, which id columns reject and count columns still read.
 */
function numberText(value: number): string {
  if (!Number.isFinite(value)) return '';
  if (Number.isInteger(value) && Math.abs(value) >= 10 ** EXACT_DIGITS) {
    const digits = String(Math.abs(value));
    if (!Number.isSafeInteger(value) || /^0+$/.test(digits.slice(EXACT_DIGITS))) return value.toExponential();
  }
  return String(value);
}

/** exceljs reads Excel's zone-less date serials as UTC: give back the wall-clock time. */
function dateText(date: Date): string {
  if (Number.isNaN(date.getTime())) return '';
  const iso = date.toISOString();
  const time = iso.slice(11, 19);
  const ms = iso.slice(20, 23);
  return `${iso.slice(0, 10)} ${time}${ms === '000' ? '' : `.${ms}`}`;
}

function trimTrailingEmpty(cells: string[]): string[] {
  let end = cells.length;
  while (end > 0 && cells[end - 1]!.trim() === '') end--;
  return end === cells.length ? cells : cells.slice(0, end);
}
