import { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { restoreFastStringPrototype } from '../runtime/fast-string-prototype.js';
import type { Logger } from '../runtime/logger.js';
import { startCodeWorker } from './code-worker.js';
import { startCodingThreads, type CodingThreads } from './coding-threads.js';
import { openConnection, reportOutages } from './connection.js';
import type { FileSummary, IngestJobData, RunResult, RunSpec } from './job-types.js';
import { defaultPrefix, queueNames } from './names.js';
import { openPipeline } from './pipeline.js';
import { processAggregate } from './process-aggregate.js';
import { processIngest } from './process-ingest.js';
import { bullWorkerOptions, defaultRecovery, recoveryFromEnv, reportWorkerProblems, type RecoveryOptions, type WorkerSetting } from './worker-setting.js';

export interface WorkerOptions {
  redisUrl: string;
  prefix?: string;
  /**
   * Coding batches processed at once by this process: one in this thread and, above 1, one in each
   * of N − 1 coding threads, which take their batches from Redis themselves (coding is CPU-bound:
   * threads are what puts several cores to work in one process). Ingest leaves this thread free
   * enough to code: it only cuts CSV files into segments, which the coders read themselves.
   */
  codeConcurrency?: number;
  /** Ingest pauses while this many coding batches wait in Redis. */
  maxWaitingBatches?: number;
  /** Stages this process works on (default: all three). */
  stages?: readonly Stage[];
  /** Recovery of jobs whose worker died; the defaults suit production (see docs/operations.md). */
  recovery?: Partial<RecoveryOptions>;
  /** A codebook file the coding threads compile as they start: that of the run about to be submitted. */
  warmCodebook?: string;
  /**
   * Coding threads already started (startCodingThreads), used instead of starting N − 1 of
   * codeConcurrency; closed with the workers.
   */
  codingThreads?: CodingThreads;
  log: Logger;
}

export type Stage = keyof typeof queueNames;

export interface RunningWorkers {
  /** Lets running jobs finish, then closes every connection. */
  close(): Promise<void>;
  /**
   * Closes the coding threads, keeping this thread's coding worker: for a process that codes one
   * run, once the run's aggregate step has begun, so that their heaps are not held while it works.
   */
  releaseCodingThreads(): Promise<void>;
}

/** Workers for the given stages in this process. Any number of processes may run them against one Redis. */
export function startWorkers(options: WorkerOptions): RunningWorkers {
  restoreFastStringPrototype();
  const prefix = options.prefix ?? defaultPrefix;
  const { log } = options;
  const stages = new Set(options.stages ?? (Object.keys(queueNames) as Stage[]));
  const pipeline = openPipeline(options.redisUrl, prefix, (message) => log.warn(message));
  const connections: Redis[] = [];
  const setting: WorkerSetting = { redisUrl: options.redisUrl, prefix, recovery: { ...defaultRecovery, ...recoveryFromEnv(), ...options.recovery } };
  const workerOptions = (concurrency: number) => {
    const connection = openConnection(options.redisUrl);
    if (connections.length === 0) reportOutages(connection, (message, lost) => (lost ? log.warn(message) : log.info(message)));
    connections.push(connection);
    return bullWorkerOptions(setting, connection, concurrency);
  };

  const workers: Worker[] = [];
  if (stages.has('ingest')) {
    const deps = { codeQueue: pipeline.code, connection: pipeline.connection, prefix, log, maxWaitingBatches: options.maxWaitingBatches ?? 16 };
    workers.push(new Worker<IngestJobData, FileSummary>(queueNames.ingest, (job, token) => processIngest(job, token, deps), workerOptions(2)));
  }
  if (stages.has('aggregate')) {
    const deps = { connection: pipeline.connection, prefix, log };
    workers.push(new Worker<RunSpec, RunResult>(queueNames.aggregate, (job) => processAggregate(job, deps), workerOptions(1)));
  }
  for (const worker of workers) reportWorkerProblems(worker, log);
  const coders: { close(): Promise<void> }[] = [];
  let threads: CodingThreads | null = options.codingThreads ?? null;
  if (stages.has('code')) {
    const concurrency = options.codeConcurrency ?? 1;
    coders.push(startCodeWorker(setting, log));
    if (threads === null && concurrency > 1) threads = startCodingThreads(concurrency - 1, { warmCodebook: options.warmCodebook ?? null });
    threads?.run(setting, log);
  }
  const releaseCodingThreads = async () => {
    const closing = threads;
    threads = null;
    await closing?.close();
  };
  return {
    async close() {
      await Promise.all([...workers, ...coders].map((w) => w.close()).concat(releaseCodingThreads()));
      await pipeline.close();
      for (const connection of connections) connection.disconnect();
    },
    releaseCodingThreads,
  };
}
