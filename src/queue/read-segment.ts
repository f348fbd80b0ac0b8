import { readCsvSegment } from '../formats/open-export.js';
import { writeFileAtomic } from '../runtime/atomic-write.js';
import { runLayout } from '../runs/run-layout.js';
import type { Post } from '../types/contracts.js';
import { UnrecoverableError } from 'bullmq';
import { asUserError, changedWhileRead, fileState, rejectedRowOf, sameState } from './input-file.js';
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
      else rejected.push(rejectedRowOf(file.name, row));
    }
  });
  if (posts.length + rejected.length !== segment.records) {
    // Reading it again would give the same count: only a file replaced since it was cut (by one of
    // the same size and time) or a reader that disagrees with the segmenter gets here.
    throw new UnrecoverableError(
      `${file.name}: the segment from line ${segment.line} held ${posts.length + rejected.length} records, not ${segment.records} as when the file was cut into batches; leave the file unchanged until its run is written, and code it again`,
    );
  }
  if (rejected.length > 0) {
    await writeFileAtomic(runLayout.rejectedSegmentPart(runDir, fileIndex, batchIndex), rejected.map((row) => `${JSON.stringify(row)}\n`).join(''));
  }
  return { posts, rowsRejected: rejected.length };
}
