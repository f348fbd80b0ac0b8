import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { FileSummary, RejectedRow } from '../queue/job-types.js';
import { runLayout } from '../runs/run-layout.js';
import { neutraliseFormula, type TableColumn } from './table-column.js';

export const rejectedRowColumns: TableColumn<RejectedRow>[] = [
  { name: 'file', type: 'string', description: 'Input file the row was in', cell: (r) => neutraliseFormula(r.file) },
  { name: 'line', type: 'integer', description: 'Line of the input file where the row starts (the header is line 1)', cell: (r) => r.line },
  { name: 'reason', type: 'string', description: 'Why the row was not accepted', cell: (r) => neutraliseFormula(r.reason) },
  { name: 'raw', type: 'string', description: 'The row as it stood in the file (cut after 10,000 characters)', cell: (r) => neutraliseFormula(r.raw) },
];

/**
 * Rejected rows of the given files, in input order: per file, those of its segments in order
 * (rejected by the coding jobs that read them), then those ingest read itself, which come after
 * every segment (see process-ingest.ts).
 */
export async function* readRejectedRows(runDir: string, files: readonly Pick<FileSummary, 'index' | 'batches'>[]): AsyncGenerator<RejectedRow> {
  for (const { index, batches } of files) {
    for (let batch = 0; batch < batches; batch++) yield* readPart(runLayout.rejectedSegmentPart(runDir, index, batch));
    yield* readPart(runLayout.rejectedPart(runDir, index));
  }
}

async function* readPart(path: string): AsyncGenerator<RejectedRow> {
  try {
    await access(path);
  } catch {
    return;
  }
  for await (const line of createInterface({ input: createReadStream(path), crlfDelay: Infinity })) {
    if (line) yield JSON.parse(line) as RejectedRow;
  }
}
