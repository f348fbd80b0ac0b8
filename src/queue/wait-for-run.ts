import type { RunResult } from './job-types.js';
import { progressKey } from './names.js';
import type { Pipeline } from './pipeline.js';

export interface RunProgress {
  /** Rows read and queued for coding so far (grows while files are read). */
  queued: number;
  coded: number;
  /** Every batch is coded and the aggregate step is writing the run's files. */
  aggregating: boolean;
}

export class RunFailedError extends Error {
  override name = 'RunFailedError';
}

/** The run's counts from Redis; `aggregating` is the caller's reading of the aggregate job's state. */
export async function readProgress(pipeline: Pipeline, runId: string, aggregating: boolean): Promise<RunProgress> {
  const fields = await pipeline.connection.hgetall(progressKey(pipeline.prefix, runId));
  let queued = 0;
  let coded = 0;
  for (const [field, value] of Object.entries(fields)) {
    if (field.startsWith('q:')) queued += Number(value);
    else if (field.startsWith('c:')) coded += Number(value);
  }
  return { queued, coded: Math.min(coded, queued), aggregating };
}

/**
 * Polls the run's aggregate job until it has finished, reporting progress on the way: the job's
 * state every `intervalMs`, the counts at most every `countsEveryMs` and whenever the state
 * changes. Reading the counts takes the whole progress hash, a field per coded batch (1,000 for a
 * million posts: reading 1,001 fields took 1.75 ms of the client's CPU), which `ctacode run`,
 * polling every 100 ms, did about 200 times in the main thread while it coded.
 */
export async function waitForRun(pipeline: Pipeline, runId: string, onProgress: (progress: RunProgress) => void = () => undefined, intervalMs = 250, countsEveryMs = 500): Promise<RunResult> {
  let counts: RunProgress | null = null;
  let countedAt = 0;
  for (;;) {
    const state = await pipeline.aggregate.getJobState(runId);
    if (state === 'completed' || state === 'failed' || state === 'unknown') {
      const job = await pipeline.aggregate.getJob(runId);
      if (state === 'completed' && job) return job.returnvalue as RunResult;
      throw new RunFailedError(job?.failedReason ?? `run ${runId} is no longer in Redis: was Redis flushed?`);
    }
    // Until its children (ingest, and through it coding) are done, the aggregate job waits for them.
    const aggregating = state !== 'waiting-children';
    if (counts === null || counts.aggregating !== aggregating || performance.now() - countedAt >= countsEveryMs) {
      counts = await readProgress(pipeline, runId, aggregating);
      countedAt = performance.now();
    }
    onProgress(counts);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
