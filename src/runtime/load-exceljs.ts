/**
 * exceljs, loaded when a workbook is first read or written: loading it costs a process (and each
 * coding thread) about 30 MB and 0.15–0.25 s, and most runs never touch a workbook.
 */
export async function loadExcelJs() {
  return (await import('exceljs')).default;
}
