import { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from '../runtime/logger.js';
import { isConnectionError, openConnection, reportOutages } from './connection.js';
import type { CodeJobData, CodeJobResult, FileSummary, IngestJobData, RunResult, RunSpec } from './job-types.js';
import { defaultPrefix, queueNames } from './names.js';
import { openPipeline } from './pipeline.js';
import { processAggregate } from './process-aggregate.js';
import { startCodingPool, type CodingPool } from './coding-pool.js';
import { codeBatch, processCode, RunCoding } from './process-code.js';
import { processIngest } from './process-ingest.js';

export interface WorkerOptions {
  redisUrl: string;
  prefix?: string;
  /**
   * Coding batches processed at once by this process. Above 1, each is coded in a worker thread
   * of its own (coding is CPU-bound: threads are what puts several cores to work in one process).
   */
  codeConcurrency?: number;
  /** Ingest pauses while this many coding batches wait in Redis. */
  maxWaitingBatches?: number;
  /** Stages this process works on (default: all three). */
  stages?: readonly Stage[];
  /** Recovery of jobs whose worker died; the defaults suit production (see docs/operations.md). */
  recovery?: Partial<RecoveryOptions>;
  log: Logger;
}

/**
 * How a job whose worker died (SIGKILL, power cut, lost machine) is taken up again: its lock,
 * renewed every lockDuration/2 while the worker lives, expires after `lockDurationMs`; the stalled
 * check of any live worker (every `stalledIntervalMs`) then moves it back to waiting. A job that
 * stalls more than `maxStalledCount` times fails (a batch that kills every worker that touches it
 * must not loop forever). Every job is idempotent, so a job taken up again is simply done again.
 */
export interface RecoveryOptions {
  lockDurationMs: number;
  stalledIntervalMs: number;
  maxStalledCount: number;
}

export const defaultRecovery: RecoveryOptions = { lockDurationMs: 30_000, stalledIntervalMs: 15_000, maxStalledCount: 3 };

/** Recovery settings from CTACODE_LOCK_DURATION_MS / CTACODE_STALLED_INTERVAL_MS / CTACODE_MAX_STALLED (for tests and operations). */
export function recoveryFromEnv(env: NodeJS.ProcessEnv = process.env): Partial<RecoveryOptions> {
  const read = (name: string) => {
    const value = Number(env[name]);
    return Number.isInteger(value) && value > 0 ? value : undefined;
  };
  const lockDurationMs = read('CTACODE_LOCK_DURATION_MS');
  const stalledIntervalMs = read('CTACODE_STALLED_INTERVAL_MS');
  const maxStalledCount = read('CTACODE_MAX_STALLED');
  return {
    ...(lockDurationMs ? { lockDurationMs } : {}),
    ...(stalledIntervalMs ? { stalledIntervalMs } : {}),
    ...(maxStalledCount ? { maxStalledCount } : {}),
  };
}

export type Stage = keyof typeof queueNames;

export interface RunningWorkers {
  /** Lets running jobs finish, then closes every connection. */
  close(): Promise<void>;
}

/** Workers for the given stages in this process. Any number of processes may run them against one Redis. */
export function startWorkers(options: WorkerOptions): RunningWorkers {
  const prefix = options.prefix ?? defaultPrefix;
  const { log } = options;
  const stages = new Set(options.stages ?? (Object.keys(queueNames) as Stage[]));
  const pipeline = openPipeline(options.redisUrl, prefix, (message) => log.warn(message));
  const connections: Redis[] = [];
  const recovery = { ...defaultRecovery, ...recoveryFromEnv(), ...options.recovery };
  const workerOptions = (concurrency: number) => {
    const connection = openConnection(options.redisUrl);
    if (connections.length === 0) reportOutages(connection, (message, lost) => (lost ? log.warn(message) : log.info(message)));
    connections.push(connection);
    return {
      connection,
      prefix,
      concurrency,
      lockDuration: recovery.lockDurationMs,
      stalledInterval: recovery.stalledIntervalMs,
      maxStalledCount: recovery.maxStalledCount,
    };
  };

  const workers: Worker[] = [];
  if (stages.has('ingest')) {
    const deps = { codeQueue: pipeline.code, connection: pipeline.connection, prefix, log, maxWaitingBatches: options.maxWaitingBatches ?? 16 };
    workers.push(new Worker<IngestJobData, FileSummary>(queueNames.ingest, (job, token) => processIngest(job, token, deps), workerOptions(2)));
  }
  let pool: CodingPool | undefined;
  if (stages.has('code')) {
    const concurrency = options.codeConcurrency ?? 1;
    const runs = new RunCoding();
    if (concurrency > 1) pool = startCodingPool(concurrency, log);
    const code = pool ? pool.code : (batch: CodeJobData) => codeBatch(batch, runs);
    const deps = { connection: pipeline.connection, prefix, code };
    workers.push(new Worker<CodeJobData, CodeJobResult>(queueNames.code, (job) => processCode(job, deps), workerOptions(concurrency)));
  }
  if (stages.has('aggregate')) {
    const deps = { connection: pipeline.connection, prefix, log };
    workers.push(new Worker<RunSpec, RunResult>(queueNames.aggregate, (job) => processAggregate(job, deps), workerOptions(1)));
  }
  for (const worker of workers) {
    worker.on('failed', (job, error) => log.warn({ queue: worker.name, jobId: job?.id, attempt: job?.attemptsMade, err: error.message }, 'job failed'));
    worker.on('error', (error) => {
      // Redis out of reach is reported once per outage (below); the worker reconnects on its own.
      if (!isConnectionError(error)) log.error({ queue: worker.name, err: error.message }, 'worker error');
    });
    worker.on('stalled', (jobId) => log.warn({ queue: worker.name, jobId }, 'job stalled (its worker died or lost Redis): queued again'));
  }
  return {
    async close() {
      await Promise.all(workers.map((w) => w.close()));
      await pool?.close();
      await pipeline.close();
      for (const connection of connections) connection.disconnect();
    },
  };
}
