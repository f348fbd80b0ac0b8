import { createReadStream, createWriteStream } from 'node:fs';

import { mkdir, rename } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { parse } from 'csv-parse';
import { hashFile, type FileDigest } from '../runtime/hash-file.js';
import { loadExcelJs } from '../runtime/load-exceljs.js';
import type { ColumnInfo } from './table-column.js';

/** Excel's row limit (header included). */
export const excelMaxRows = 1_048_576;

export interface ExcelCopy {
  /** Path relative to the run directory, e.g. excel/coded_posts.xlsx. */
  file: string;
  rows: number;
  digest: FileDigest;
}

/**
 * `--excel`: for each CSV, excel/<name>.csv (the same bytes behind a UTF-8 byte order mark, so that
 * Excel reads accents and emoji right) and excel/<name>.xlsx, where ids and every other text cell
 * are text cells (Excel keeps all 19 digits and never runs them as formulas) and counts are numbers.
 * A table longer than Excel's 1,048,575 data rows gets the CSV copy only.
 */
export async function writeExcelCopies(dir: string, tables: readonly { file: string; columns: readonly ColumnInfo[]; rows: number }[]): Promise<ExcelCopy[]> {
  const excelDir = join(dir, 'excel');
  await mkdir(excelDir, { recursive: true });
  const copies: ExcelCopy[] = [];
  for (const table of tables) {
    const source = join(dir, table.file);
    const csvCopy = join(excelDir, table.file);
    const out = createWriteStream(`${csvCopy}.partial`);
    out.write('\ufeff');
    await pipeline(createReadStream(source), out);
    await rename(`${csvCopy}.partial`, csvCopy);
    copies.push({ file: `excel/${table.file}`, rows: table.rows, digest: await hashFile(csvCopy) });
    if (table.rows + 1 > excelMaxRows) continue;
    const xlsxName = table.file.replace(/\.csv$/, '.xlsx');
    await writeXlsx(source, join(excelDir, xlsxName), table.columns, basename(table.file, '.csv'));
    copies.push({ file: `excel/${xlsxName}`, rows: table.rows, digest: await hashFile(join(excelDir, xlsxName)) });
  }
  return copies;
}

async function writeXlsx(csvPath: string, xlsxPath: string, columns: readonly ColumnInfo[], sheetName: string): Promise<void> {
  const temporary = `${xlsxPath}.partial`;
  const ExcelJS = await loadExcelJs();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: temporary, useSharedStrings: false, useStyles: false });
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31));
  const numeric = new Map(columns.map((c) => [c.name, c.type === 'integer' || c.type === 'number' || c.type === '0/1']));
  const parser = createReadStream(csvPath).pipe(parse({ relax_quotes: false }));
  let header: string[] | null = null;
  for await (const record of parser as AsyncIterable<string[]>) {
    if (header === null) {
      header = record;
      sheet.addRow(record).commit();
      continue;
    }
    const cells = record.map((value, i) => {
      if (value === '') return null;
      return numeric.get(header![i]!) ? Number(value) : value;
    });
    sheet.addRow(cells).commit();
  }
  sheet.commit();
  await workbook.commit();
  await rename(temporary, xlsxPath);
}

