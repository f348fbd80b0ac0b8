import { loadExcelJs } from '../runtime/load-exceljs.js';
import type { CodeColumn } from './code-columns.js';
import { sheetHeader, sheetPostColumns, type SheetPost } from './coding-sheet.js';

const widths: Record<(typeof sheetPostColumns)[number], number> = { platform: 10, post_id: 22, text: 80, url: 30, links: 30 };

/**
 * The .xlsx twin of a CSV sheet. Ids are stored as text cells formatted as text, because Excel
 * turns a 19-digit number into 1.01600000000000E+18 and loses the last digits; the code cells only
 * accept 0 or 1 (or nothing), so a typo is caught while coding rather than at import.
 */
export async function sheetWorkbook(posts: readonly SheetPost[], codes: readonly CodeColumn[], instructions: readonly string[]): Promise<Buffer> {
  const workbook = new (await loadExcelJs()).Workbook();
  const sheet = workbook.addWorksheet('coding', { views: [{ state: 'frozen', ySplit: 1, xSplit: 2 }] });
  const header = sheetHeader(codes);
  sheet.columns = header.map((name, i) => {
    const postColumn = sheetPostColumns[i];
    return postColumn
      ? { header: name, key: name, width: widths[postColumn], style: { numFmt: '@', alignment: { wrapText: postColumn === 'text', vertical: 'top' } } }
      : { header: name, key: name, width: Math.max(8, name.length + 2), style: { alignment: { horizontal: 'center', vertical: 'top' } } };
  });
  sheet.getRow(1).font = { bold: true };
  codes.forEach((code, i) => {
    sheet.getCell(1, sheetPostColumns.length + i + 1).note = `${code.label}: ${code.definition.replace(/\s+/g, ' ').trim()}`;
  });
  for (const post of posts) {
    const row = sheet.addRow(sheetPostColumns.map((name) => post[name]));
    for (let i = 0; i < codes.length; i++) {
      row.getCell(sheetPostColumns.length + i + 1).dataValidation = {
        type: 'whole',
        operator: 'between',
        allowBlank: true,
        formulae: [0, 1],
        showErrorMessage: true,
        errorTitle: 'Not a code',
        error: 'Enter 1 (present) or 0 (absent), or leave the cell empty if you cannot judge the post.',
      };
    }
  }
  const help = workbook.addWorksheet('instructions');
  help.getColumn(1).width = 120;
  for (const line of instructions) help.addRow([line]).alignment = { wrapText: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
