import type { CodingThreads } from '../queue/coding-threads.js';
import type { RunResult } from '../queue/job-types.js';
import { queuePrefix } from '../queue/names.js';
import { openPipeline } from '../queue/pipeline.js';
import { connectOrStartRedis } from '../queue/redis-server.js';
import { startWorkers } from '../queue/start-workers.js';
import { submitRun, type SubmitOptions } from '../queue/submit-run.js';
import { waitForRun } from '../queue/wait-for-run.js';
import type { DataFolder } from '../runtime/data-folder.js';
import { createLogger } from '../runtime/logger.js';
import { createProgressDisplay } from './progress-display.js';

export interface RunWorkers {
  /** Coding batches at once: the main thread and N − 1 coding threads. */
  workerCount: number;
  /** The codebook the coding threads compile while the run is submitted. */
  codebookFile: string;
  /** Coding threads the caller started already (N − 1 of them). */
  codingThreads?: CodingThreads;
}

/**
 * Submits one run and codes it with workers in this process (Redis found or started as the README
 * says), showing progress; writes the one-line outcome to stderr and resolves to the result.
 * `prepare` (checking the codebook, about a second) runs once the workers have started, so that
 * their coding threads compile `codebookFile` meanwhile; nothing is queued if it fails.
 */
export async function executeRun(folder: DataFolder, prepare: () => Promise<Omit<SubmitOptions, 'runsDir'>>, { workerCount, codebookFile, codingThreads }: RunWorkers): Promise<RunResult> {
  const log = createLogger({ logDir: folder.logs, consoleLevel: 'warn' });
  let redis: Awaited<ReturnType<typeof connectOrStartRedis>>;
  try {
    redis = await connectOrStartRedis(folder.redis, log);
  } catch (error) {
    // A broken codebook or mapping is said first, as before Redis was asked: it is the user's to fix either way.
    await prepare();
    throw error;
  }
  if (redis.managed) process.stderr.write(`ctacode: started a private redis-server for this run (${redis.url}, files in ${folder.redis})\n`);
  const prefix = queuePrefix();
  const pipeline = openPipeline(redis.url, prefix);
  const workers = startWorkers({ redisUrl: redis.url, prefix, codeConcurrency: workerCount, log, warmCodebook: codebookFile, ...(codingThreads ? { codingThreads } : {}) });
  const progress = createProgressDisplay();
  try {
    const options = await prepare();
    const spec = await submitRun(pipeline, { runsDir: folder.runs, ...options });
    log.info({ runId: spec.runId, files: options.files }, 'run submitted');
    // Asked every 100 ms rather than waitForRun's 250: the run is over, and its coding threads let
    // go, that much sooner (a few light Redis calls each time).
    const result = await waitForRun(pipeline, spec.runId, (p) => {
      progress.update(p);
      if (p.aggregating) workers.releaseCodingThreads().catch((error: unknown) => log.warn({ err: (error as Error).message }, 'closing the coding threads failed'));
    }, 100);
    progress.stop();
    if (result.status === 'completed') process.stderr.write(`ctacode: ${result.message}\n`);
    else process.stderr.write(`ctacode: run ${result.status.replace(/_/g, ' ')}: ${result.message}\n`);
    return result;
  } finally {
    progress.stop();
    await workers.close();
    await pipeline.close();
    await redis.stop();
  }
}
