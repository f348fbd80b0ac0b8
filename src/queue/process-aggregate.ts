import type { Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { writeRun } from '../aggregate/write-run.js';
import type { Logger } from '../runtime/logger.js';
import type { FileSummary, RunResult, RunSpec } from './job-types.js';
import { progressKey } from './names.js';

export interface AggregateDependencies {
  connection: Redis;
  prefix: string;
  log: Logger;
}

/**
 * Runs once every ingest child of the run has finished. Files whose ingest failed (a user error,
 * or a coding batch that failed all its attempts) are ignored dependencies: they are recorded in
 * the manifest with their reason, and the other files are still written.
 */
export async function processAggregate(job: Job<RunSpec, RunResult>, deps: AggregateDependencies): Promise<RunResult> {
  const summaries = Object.values(await job.getChildrenValues<FileSummary>());
  const failures = new Map<number, string>();
  for (const [jobKey, reason] of Object.entries(await job.getIgnoredChildrenFailures())) {
    const index = Number(/-f(\d+)$/.exec(jobKey)?.[1]);
    if (Number.isInteger(index)) failures.set(index, reason);
  }
  deps.log.info({ runId: job.data.runId, files: summaries.length }, 'every batch coded; writing the run');
  const result = await writeRun(job.data, summaries, failures);
  await deps.connection.del(progressKey(deps.prefix, job.data.runId));
  deps.log.info({ runId: result.runId, status: result.status }, result.message);
  return result;
}
