import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { once } from 'node:events';
import { UnrecoverableError, WaitingChildrenError, type Job, type Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { CsvSegmenter, type CsvScanStop, type CsvSegment } from '../formats/csv-segments.js';
import type { CsvLayout, RowResult } from '../formats/export-file.js';
import { openExport, readCsvSegment } from '../formats/open-export.js';
import { hashFile } from '../runtime/hash-file.js';
import type { Logger } from '../runtime/logger.js';
import { runLayout } from '../runs/run-layout.js';
import { partKey, placesOfParts, type PartPlace } from '../aggregate/part-log.js';
import type { Post } from '../types/contracts.js';
import { asUserError, changedWhileRead, fileState, rejectedRowOf, sameState, type FileState } from './input-file.js';
import type { CodeJobData, CodeJobResult, FileSummary, IngestJobData } from './job-types.js';
import { codeJobId, progressKey, retryOptions } from './names.js';

export interface IngestDependencies {
  codeQueue: Queue<CodeJobData>;
  connection: Redis;
  prefix: string;
  log: Logger;
  /** Ingest pauses while this many coding batches wait, so that Redis holds a window, not the file. */
  maxWaitingBatches: number;
}

/** Bytes read at a time while a file is cut into segments. */
const SCAN_CHUNK_BYTES = 1 << 20;

/**
 * Reads one file into coding batches added as children of this job, then waits for them
 * (BullMQ's waiting-children step pattern). A CSV file whose layout allows it is cut into
 * segments of whole records that the coding workers read themselves (csv-segments.ts); other
 * files, and the rest of a CSV file after a record the cutting cannot vouch for, are read here
 * and their posts queued. A retry after a crash reads the file again: batch job ids are
 * deterministic, so batches already queued are not added twice, and a batch coded twice is
 * appended twice with the same bytes (part-log.ts).
 */
export async function processIngest(job: Job<IngestJobData, FileSummary>, token: string | undefined, deps: IngestDependencies): Promise<FileSummary> {
  let summary = job.data.summary;
  if (!summary) {
    summary = await readIntoBatches(job, deps);
    await job.updateData({ ...job.data, summary });
  }
  if (token && (await job.moveToWaitingChildren(token))) throw new WaitingChildrenError();
  return withBatchCounts(summary, Object.values((await job.getChildrenValues<CodeJobResult>()) ?? {}));
}

/**
 * The summary with what the coding batches report: every batch its posts, a segment's batch the
 * rows it rejected too (ingest counted only the rows it rejected itself).
 */
function withBatchCounts(summary: FileSummary, batches: readonly CodeJobResult[]): FileSummary {
  const rowsParsed = batches.reduce((total, batch) => total + batch.posts, 0);
  const rowsRejected = summary.rowsRejected + batches.reduce((total, batch) => total + batch.rowsRejected, 0);
  if (batches.length !== summary.batches || rowsParsed + rowsRejected !== summary.rowsRead) {
    // Counting again would give the same sums: only results lost from Redis get here.
    throw new UnrecoverableError(
      `${summary.name}: ${batches.length} of its ${summary.batches} coding batches reported ${rowsParsed + rowsRejected} of its ${summary.rowsRead} rows (were results lost from Redis, e.g. a restart without appendonly?); code the file again`,
    );
  }
  return { ...summary, rowsParsed, rowsRejected };
}

async function readIntoBatches(job: Job<IngestJobData, FileSummary>, deps: IngestDependencies): Promise<FileSummary> {
  const { runDir, file, mapping } = job.data;
  const before = await asUserError(() => fileState(file.path, file.name));
  await mkdir(runLayout.work(runDir), { recursive: true });
  const opened = await asUserError(() => openExport(file.path, { mapping, fileName: file.name }));
  const batches = new CodingBatches(job, deps);
  let rows: AsyncIterable<RowResult> | null = opened.rows;
  let hashed: { sha256: string; bytes: number };
  if (opened.layout) {
    const cut = await queueSegments(opened.layout, before, batches, job.data);
    hashed = cut;
    rows = cut.stop === null ? null : cut.stop.inHeader ? opened.rows : readCsvSegment(file.path, opened.layout, cut.stop, { mapping, fileName: file.name });
  } else {
    hashed = await hashFile(file.path);
  }
  if (rows) await queuePosts(rows, batches, job.data);
  await batches.finish();
  const after = await asUserError(() => fileState(file.path, file.name));
  if (!sameState(after, before) || hashed.bytes !== before.size) throw changedWhileRead(file.name);
  const { rowsRead, rowsRejected, batches: batchCount, segments } = batches.counts;
  deps.log.info({ runId: job.data.runId, file: file.name, format: opened.format, rowsRead, rowsRejected, batches: batchCount, segments }, 'file ingested');
  // rowsParsed comes from the batches' reports, once they are coded (withBatchCounts).
  return { index: file.index, name: file.name, path: file.path, ...hashed, format: opened.format, encoding: opened.encoding, rowsRead, rowsParsed: 0, rowsRejected, batches: batchCount };
}

/**
 * Cuts the file into segments of `batchSize` records and queues them, hashing the bytes on the
 * way. Returns where the cutting stopped, if it met a record it cannot vouch for.
 */
async function queueSegments(layout: CsvLayout, state: FileState, batches: CodingBatches, { file, mapping, batchSize }: IngestJobData): Promise<{ sha256: string; bytes: number; stop: CsvScanStop | null }> {
  const hash = createHash('sha256');
  const segmenter = new CsvSegmenter(layout.delimiter, batchSize);
  const source = { path: file.path, name: file.name, ...state };
  const queue = async (segments: CsvSegment[]) => {
    for (const segment of segments) await batches.add({ segment: { ...segment, file: source, layout, ...(mapping ? { mapping } : {}) } }, segment.records);
  };
  let bytes = 0;
  await asUserError(async () => {
    for await (const chunk of createReadStream(file.path, { highWaterMark: SCAN_CHUNK_BYTES })) {
      hash.update(chunk as Buffer);
      bytes += (chunk as Buffer).length;
      await queue(segmenter.push(chunk as Buffer));
    }
  });
  await queue(segmenter.finish());
  return { sha256: hash.digest('hex'), bytes, stop: segmenter.stop };
}

/** Reads rows here and queues their posts in batches; rejected rows go to the file's part. */
async function queuePosts(rows: AsyncIterable<RowResult>, batches: CodingBatches, { runDir, file, batchSize }: IngestJobData): Promise<void> {
  const rejected = createWriteStream(runLayout.rejectedPart(runDir, file.index));
  let batch: Post[] = [];
  try {
    await asUserError(async () => {
      for await (const row of rows) {
        if (row.kind === 'rejected') {
          batches.counts.rowsRead++;
          batches.counts.rowsRejected++;
          await writeLine(rejected, JSON.stringify(rejectedRowOf(file.name, row)));
          continue;
        }
        batch.push(row.post);
        if (batch.length >= batchSize) {
          await batches.add({ posts: batch }, batch.length);
          batch = [];
        }
      }
    });
    if (batch.length > 0) await batches.add({ posts: batch }, batch.length);
  } finally {
    rejected.end();
    await once(rejected, 'close');
  }
}

type BatchContent = { posts: Post[] } | Pick<Extract<CodeJobData, { segment: unknown }>, 'segment'>;

/**
 * The coding batches of one file, added as children of its ingest job, with the rows they hold.
 * Batches are queued in groups, as many at once as the window has room for: ingest runs between
 * the batches its own thread codes, and queuing one batch at a time took four round trips to
 * Redis and the file system each, so that it fell behind two coders and left the window nearly
 * empty (a coding thread then waited for work about a tenth of the time).
 */
class CodingBatches {
  /** Rows read (in segments or here), rows ingest rejected itself, batches, and how many of those are segments. */
  readonly counts = { rowsRead: 0, rowsRejected: 0, batches: 0, segments: 0 };
  /** Read and not yet queued, in batch order. */
  private pending: { batchIndex: number; content: BatchContent; rows: number }[] = [];
  /** Rows of the batches queued so far (what progress reports). */
  private rowsQueued = 0;
  /**
   * The batches coded before this attempt began, read once: in this attempt a batch is coded only
   * once it has been queued.
   */
  private codedBefore: Map<string, PartPlace> | null = null;

  constructor(
    private readonly job: Job<IngestJobData, FileSummary>,
    private readonly deps: IngestDependencies,
  ) {}

  /** A batch read; it is queued with the next group. */
  async add(content: BatchContent, rows: number): Promise<void> {
    const batchIndex = this.counts.batches++;
    this.counts.rowsRead += rows;
    if ('segment' in content) this.counts.segments++;
    this.pending.push({ batchIndex, content, rows });
    if (this.pending.length >= groupSize(this.deps.maxWaitingBatches)) await this.queuePending();
  }

  /** Queues every batch read so far (at the end of the file), waiting for room as needed. */
  async finish(): Promise<void> {
    await this.queuePending();
    await this.reportQueued();
  }

  private async queuePending(): Promise<void> {
    const { runId, runDir, rowOptions, file } = this.job.data;
    while (this.pending.length > 0) {
      const group = this.pending.splice(0, await this.room());
      // A retry reads the file again: a batch with a complete record in a log is coded already, and
      // one still in Redis keeps its deterministic job id, so adding it is a no-op.
      const coded = (this.codedBefore ??= placesOfParts(runDir));
      const jobs = group
        .filter(({ batchIndex }) => !coded.has(partKey(file.index, batchIndex)))
        .map(({ batchIndex, content }) => ({
          name: 'code',
          data: { runId, runDir, rowOptions, fileIndex: file.index, batchIndex, ...content },
          opts: {
            ...retryOptions,
            jobId: codeJobId(runId, file.index, batchIndex),
            parent: { id: this.job.id!, queue: this.job.queueQualifiedName },
            failParentOnFailure: true,
            removeOnComplete: true,
          },
        }));
      if (jobs.length > 0) await this.deps.codeQueue.addBulk(jobs);
      this.rowsQueued += group.reduce((total, batch) => total + batch.rows, 0);
      await this.reportQueued();
    }
  }

  /** Progress: the rows queued for coding so far. */
  private async reportQueued(): Promise<void> {
    await this.deps.connection.hset(progressKey(this.deps.prefix, this.job.data.runId), `q:${this.job.data.file.index}`, this.rowsQueued);
  }

  /** How many batches the window has room for, once it has room for one. */
  private async room(): Promise<number> {
    for (;;) {
      const waiting = await this.deps.codeQueue.getWaitingCount();
      if (waiting < this.deps.maxWaitingBatches) return this.deps.maxWaitingBatches - waiting;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}

/**
 * Batches read before they are queued together: a quarter of the window, so that a group is
 * queued while the coders still have the rest of the window to work on (and the first batches go
 * out after a few MB of the file).
 */
const groupSize = (maxWaitingBatches: number) => Math.max(1, Math.floor(maxWaitingBatches / 4));

async function writeLine(stream: WriteStream, line: string): Promise<void> {
  if (!stream.write(`${line}\n`)) await once(stream, 'drain');
}
