import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { rename } from 'node:fs/promises';
import { stringify } from 'csv-stringify';
import { renderCell, type TableColumn } from './table-column.js';

/**
 * Writes an RFC 4180 CSV (UTF-8, \n line ends, header row) under a temporary name and renames it
 * into place when complete, so that a crash never leaves half a table. Returns the number of rows.
 */
export async function writeCsv<Row>(path: string, columns: readonly TableColumn<Row>[], rows: AsyncIterable<Row> | Iterable<Row>): Promise<number> {
  const temporary = `${path}.partial`;
  const out = createWriteStream(temporary);
  const csv = stringify({ header: true, columns: columns.map((c) => c.name), record_delimiter: '\n', eof: true });
  const finished = once(out, 'finish');
  csv.pipe(out);
  let count = 0;
  for await (const row of rows) {
    if (!csv.write(columns.map((c) => renderCell(c.cell(row))))) await once(csv, 'drain');
    count++;
  }
  csv.end();
  await finished;
  await rename(temporary, path);
  return count;
}
