import { readCsvSegment } from '../formats/open-export.js';
import { writeFileAtomic } from '../runtime/atomic-write.js';
import { runLayout } from '../runs/run-layout.js';
import type { Post } from '../types/contracts.js';
import { asUserError, changedWhileRead, fileState, sameState } from './input-file.js';
import type { FileSegment, RejectedRow } from './job-types.js';

/**
 * Reads the records of a segment as ingest would have: posts, and rejected rows, which are kept
 * in the segment's own part file (ingest reads none of these rows, so none are in its part).
 */
export async function readSegment(runDir: string, fileIndex: number, batchIndex: number, segment: FileSegment): Promise<{ posts: Post[]; rowsRejected: number }> {
  const { file } = segment;
  // A file changed since ingest cut it would no longer have records where the segments say.
  if (!sameState(await asUserError(() => fileState(file.path, file.name)), file)) throw changedWhileRead(file.name);
  const posts: Post[] = [];
  const rejected: RejectedRow[] = [];
  await asUserError(async () => {
    const rows = readCsvSegment(file.path, segment.layout, segment, { fileName: file.name, ...(segment.mapping ? { mapping: segment.mapping } : {}) });
    for await (const row of rows) {
      if (row.kind === 'post') posts.push(row.post);
      else rejected.push({ file: file.name, line: row.line, reason: row.reason, raw: row.raw });
    }
  });
  if (posts.length + rejected.length !== segment.records) {
    throw new Error(`${file.name}: the segment from line ${segment.line} held ${posts.length + rejected.length} records, not ${segment.records} as when the file was cut; code the file again`);
  }
  if (rejected.length > 0) {
    await writeFileAtomic(runLayout.rejectedSegmentPart(runDir, fileIndex, batchIndex), rejected.map((row) => `${JSON.stringify(row)}\n`).join(''));
  }
  return { posts, rowsRejected: rejected.length };
}
