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

/** Polls the run's aggregate job until it has finished, reporting progress on the way. */
export async function waitForRun(pipeline: Pipeline, runId: string, onProgress: (progress: RunProgress) => void = () => undefined, intervalMs = 250): Promise<RunResult> {
  for (;;) {
    const state = await pipeline.aggregate.getJobState(runId);
    if (state === 'completed' || state === 'failed' || state === 'unknown') {
      const job = await pipeline.aggregate.getJob(runId);
      if (state === 'completed' && job) return job.returnvalue as RunResult;
      throw new RunFailedError(job?.failedReason ?? `run ${runId} is no longer in Redis: was Redis flushed?`);
    }
    // Until its children (ingest, and through it coding) are done, the aggregate job waits for them.
    onProgress(await readProgress(pipeline, runId, state !== 'waiting-children'));
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
