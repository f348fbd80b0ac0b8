import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { RejectedRow } from '../queue/job-types.js';
import { runLayout } from '../runs/run-layout.js';
import { neutraliseFormula, type TableColumn } from './table-column.js';

export const rejectedRowColumns: TableColumn<RejectedRow>[] = [
  { name: 'file', type: 'string', description: 'Input file the row was in', cell: (r) => neutraliseFormula(r.file) },
  { name: 'line', type: 'integer', description: 'Line of the input file where the row starts (the header is line 1)', cell: (r) => r.line },
  { name: 'reason', type: 'string', description: 'Why the row was not accepted', cell: (r) => neutraliseFormula(r.reason) },
  { name: 'raw', type: 'string', description: 'The row as it stood in the file (cut after 10,000 characters)', cell: (r) => neutraliseFormula(r.raw) },
];

/** Rejected rows of the given files, in input order. */
export async function* readRejectedRows(runDir: string, fileIndexes: readonly number[]): AsyncGenerator<RejectedRow> {
  for (const index of fileIndexes) {
    const path = runLayout.rejectedPart(runDir, index);
    try {
      await access(path);
    } catch {
      continue;
    }
    for await (const line of createInterface({ input: createReadStream(path), crlfDelay: Infinity })) {
      if (line) yield JSON.parse(line) as RejectedRow;
    }
  }
}
