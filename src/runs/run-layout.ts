import { join } from 'node:path';

/**
 * Files inside a run directory. Intermediate files live in `.work/` (shared by every worker that
 * takes part in the run, so the data folder must be shared between machines) and go when the run
 * is written.
 */
export const runLayout = {
  work: (runDir: string) => join(runDir, '.work'),
  codebook: (runDir: string) => join(runDir, 'codebook.yaml'),
  /** A coding worker's log of the batches it coded (see src/aggregate/part-log.ts); `name` is the worker's own. */
  partLog: (runDir: string, name: string) => join(runDir, '.work', `coded-${name}.parts`),
  isPartLog: (fileName: string) => fileName.startsWith('coded-') && fileName.endsWith('.parts'),
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
