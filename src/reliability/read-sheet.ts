import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { parse } from 'csv-parse/sync';
import type ExcelJS from 'exceljs';
import { loadExcelJs } from '../runtime/load-exceljs.js';
import { ValidationInputError } from './input-error.js';

/** A filled sheet as text cells, before anything is checked. */
export interface RawSheet {
  /** As the user gave it: error messages name the file the user knows. */
  file: string;
  /** The coder: the file name without its extension. */
  name: string;
  header: string[];
  /** Rows as a spreadsheet numbers them (the header is row 1); rows without any value are left out. */
  rows: { row: number; cells: string[] }[];
}

export async function readSheet(file: string): Promise<RawSheet> {
  const extension = extname(file).toLowerCase();
  const name = basename(file, extname(file));
  if (extension === '.xls' || extension === '.ods' || extension === '.numbers') {
    throw new ValidationInputError([`sheet ${file}: ctacode reads .xlsx and .csv sheets; save it as .xlsx (Excel workbook) or CSV UTF-8 and give that file`]);
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new ValidationInputError([`sheet ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}); check the path`]);
  }
  const table = extension === '.xlsx' ? await xlsxTable(file, bytes) : csvTable(file, bytes);
  const [header = [], ...body] = table;
  const rows = body.map((cells, i) => ({ row: i + 2, cells })).filter((r) => r.cells.some((c) => c !== ''));
  return { file, name, header: header.map((h) => h.trim()), rows };
}

function csvTable(file: string, bytes: Buffer): string[][] {
  const text = bytes.toString('utf8');
  try {
    return parse(text, { bom: true, delimiter: delimiterOf(text), relax_column_count: true, skip_empty_lines: true }) as string[][];
  } catch (error) {
    throw new ValidationInputError([`sheet ${file} cannot be read as CSV (${(error as Error).message}); save it again as CSV UTF-8, or give the .xlsx sheet`]);
  }
}

/** Excel saves "CSV" with semicolons where the decimal separator is a comma (German, Danish, French, Dutch, Spanish). */
function delimiterOf(text: string): string {
  const firstLine = text.slice(0, text.indexOf('\n') === -1 ? undefined : text.indexOf('\n'));
  const counts = [',', ';', '\t'].map((d) => [d, firstLine.split(d).length] as const);
  return counts.reduce((best, c) => (c[1] > best[1] ? c : best))[0];
}

async function xlsxTable(file: string, bytes: Buffer): Promise<string[][]> {
  const workbook = new (await loadExcelJs()).Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (error) {
    throw new ValidationInputError([`sheet ${file} cannot be read as .xlsx (${(error as Error).message}); save it again as an Excel workbook, or as CSV UTF-8`]);
  }
  const sheet = workbook.getWorksheet('coding') ?? workbook.worksheets[0];
  if (!sheet) throw new ValidationInputError([`sheet ${file} has no worksheet; give the workbook ctacode wrote, with its "coding" worksheet`]);
  const table: string[][] = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(row.getCell(c).value));
    table.push(cells);
  }
  return table;
}

/** The cell as the coder typed it; formulas count by their result, rich text by its text. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('result' in value) return cellText((value.result ?? null) as ExcelJS.CellValue);
    if ('text' in value) return String(value.text);
    if ('error' in value) return String(value.error);
    return '';
  }
  return String(value);
}
