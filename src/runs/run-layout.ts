import { join } from 'node:path';

/**
 * Files inside a run directory. Intermediate files live in `.work/` (shared by every worker that
 * takes part in the run, so the data folder must be shared between machines) and go when the run
 * is written.
 */
export const runLayout = {
  work: (runDir: string) => join(runDir, '.work'),
  codebook: (runDir: string) => join(runDir, 'codebook.yaml'),
  /** A coded batch's rows of coded_posts.csv (see src/aggregate/coded-part.ts). */
  codedRows: (runDir: string, fileIndex: number, batchIndex: number) => join(runDir, '.work', `coded-${pad(fileIndex, 4)}-${pad(batchIndex, 7)}.csv`),
  /** A coded batch's entries (columns of what the aggregate step needs per post, see coded-part.ts); written last, so its presence means the batch is coded. */
  codedEntries: (runDir: string, fileIndex: number, batchIndex: number) => join(runDir, '.work', `coded-${pad(fileIndex, 4)}-${pad(batchIndex, 7)}.jsonl`),
  /** Rows that ingest rejected while reading a file itself. */
  rejectedPart: (runDir: string, fileIndex: number) => join(runDir, '.work', `rejected-${pad(fileIndex, 4)}.jsonl`),
  /** Rows of a segment that its coding job rejected (written only when there are some). */
  rejectedSegmentPart: (runDir: string, fileIndex: number, batchIndex: number) => join(runDir, '.work', `rejected-${pad(fileIndex, 4)}-${pad(batchIndex, 7)}.jsonl`),
  output: (runDir: string, name: string) => join(runDir, name),
};

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** A run id that sorts by time and is unique across machines: 20261121-235704-a1b2c3. */
export function newRunId(now = new Date(), random = Math.random): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  const suffix = Math.floor(random() * 0xffffff).toString(16).padStart(6, '0');
  return `${stamp}-${suffix}`;
}
