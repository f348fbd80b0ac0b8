import { createWriteStream, type WriteStream } from 'node:fs';
import { access, mkdir, stat } from 'node:fs/promises';
import { once } from 'node:events';
import { UnrecoverableError, WaitingChildrenError, type Job, type Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { ExportFileError } from '../formats/export-file.js';
import { openExport } from '../formats/open-export.js';
import { hashFile } from '../runtime/hash-file.js';
import type { Logger } from '../runtime/logger.js';
import { runLayout } from '../runs/run-layout.js';
import type { Post } from '../types/contracts.js';
import type { CodeJobData, FileSummary, IngestJobData, RejectedRow } from './job-types.js';
import { codeJobId, progressKey, retryOptions } from './names.js';

export interface IngestDependencies {
  codeQueue: Queue<CodeJobData>;
  connection: Redis;
  prefix: string;
  log: Logger;
  /** Ingest pauses while this many coding batches wait, so that Redis holds a window, not the file. */
  maxWaitingBatches: number;
}

/**
 * Streams one file into coding batches added as children of this job, then waits for them
 * (BullMQ's waiting-children step pattern). A retry after a crash streams the file again: batch
 * job ids are deterministic, so batches already queued are not added twice, and a batch coded
 * twice writes the same part file.
 */
export async function processIngest(job: Job<IngestJobData, FileSummary>, token: string | undefined, deps: IngestDependencies): Promise<FileSummary> {
  let summary = job.data.summary;
  if (!summary) {
    summary = await streamIntoBatches(job, deps);
    await job.updateData({ ...job.data, summary });
  }
  if (token && (await job.moveToWaitingChildren(token))) throw new WaitingChildrenError();
  return summary;
}

async function streamIntoBatches(job: Job<IngestJobData, FileSummary>, deps: IngestDependencies): Promise<FileSummary> {
  const { runId, runDir, rowOptions, file, mapping, batchSize } = job.data;
  const before = await asUserError(() => fileState(file.path, file.name));
  const { sha256, bytes } = await hashFile(file.path);
  await mkdir(runLayout.work(runDir), { recursive: true });
  const opened = await asUserError(() => openExport(file.path, { mapping, fileName: file.name }));
  const rejected = createWriteStream(runLayout.rejectedPart(runDir, file.index));
  const counts = { rowsRead: 0, rowsParsed: 0, rowsRejected: 0, batches: 0 };
  let batch: Post[] = [];

  const queueBatch = async () => {
    const batchIndex = counts.batches++;
    // A retry streams the file again: a batch whose part file exists is coded already (parts are
    // written atomically), and one still in Redis keeps its deterministic job id, so add is a no-op.
    if (await exists(runLayout.codedEntries(runDir, file.index, batchIndex))) {
      batch = [];
      return;
    }
    await waitForRoom(deps);
    await deps.codeQueue.add(
      'code',
      { runId, runDir, rowOptions, fileIndex: file.index, batchIndex, posts: batch },
      {
        ...retryOptions,
        jobId: codeJobId(runId, file.index, batchIndex),
        parent: { id: job.id!, queue: job.queueQualifiedName },
        failParentOnFailure: true,
        removeOnComplete: true,
      },
    );
    await deps.connection.hset(progressKey(deps.prefix, runId), `q:${file.index}`, counts.rowsParsed);
    batch = [];
  };

  try {
    await asUserError(async () => {
      for await (const row of opened.rows) {
        counts.rowsRead++;
        if (row.kind === 'rejected') {
          counts.rowsRejected++;
          const entry: RejectedRow = { file: file.name, line: row.line, reason: row.reason, raw: row.raw };
          await writeLine(rejected, JSON.stringify(entry));
          continue;
        }
        counts.rowsParsed++;
        batch.push(row.post);
        if (batch.length >= batchSize) await queueBatch();
      }
    });
    if (batch.length > 0) await queueBatch();
  } finally {
    rejected.end();
    await once(rejected, 'close');
  }
  const after = await asUserError(() => fileState(file.path, file.name));
  if (after.size !== before.size || after.mtimeMs !== before.mtimeMs || bytes !== before.size) {
    throw new UnrecoverableError(`${file.name}: the file changed while it was being read (still being written?); code it again once it is complete`);
  }
  await deps.connection.hset(progressKey(deps.prefix, runId), `q:${file.index}`, counts.rowsParsed);
  deps.log.info({ runId, file: file.name, format: opened.format, ...counts }, 'file ingested');
  return { index: file.index, name: file.name, path: file.path, sha256, bytes, format: opened.format, encoding: opened.encoding, ...counts };
}

/** A file the user must fix is not retried: the error says what is wrong with it. */
async function asUserError<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ExportFileError) throw new UnrecoverableError(error.message);
    throw error;
  }
}

/** Size and modification time: a file still being written changes them while ingest reads it. */
async function fileState(path: string, name: string): Promise<{ size: number; mtimeMs: number }> {
  try {
    const { size, mtimeMs } = await stat(path);
    return { size, mtimeMs };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new ExportFileError(name, 'the file is gone: it was moved or deleted before it could be read');
    throw error;
  }
}

const exists = (path: string) => access(path).then(() => true, () => false);

async function waitForRoom(deps: IngestDependencies): Promise<void> {
  while ((await deps.codeQueue.getWaitingCount()) >= deps.maxWaitingBatches) {
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function writeLine(stream: WriteStream, line: string): Promise<void> {
  if (!stream.write(`${line}\n`)) await once(stream, 'drain');
}
