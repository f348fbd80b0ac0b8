import { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from '../runtime/logger.js';
import { isConnectionError, openConnection } from './connection.js';
import type { CodeJobData, CodeJobResult } from './job-types.js';
import { queueNames } from './names.js';
import { codeBatch, processCode, RunCoding } from './process-code.js';

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

/** Where a worker takes its jobs from, and how it recovers those of dead workers. */
export interface WorkerSetting {
  redisUrl: string;
  prefix: string;
  recovery: RecoveryOptions;
}

/** Options of a BullMQ worker of ctacode, on a connection of its own (closed by the caller). */
export function bullWorkerOptions(setting: WorkerSetting, connection: Redis, concurrency: number) {
  const { prefix, recovery } = setting;
  return {
    connection,
    prefix,
    concurrency,
    lockDuration: recovery.lockDurationMs,
    stalledInterval: recovery.stalledIntervalMs,
    maxStalledCount: recovery.maxStalledCount,
  };
}

/** Logs what goes wrong with a worker's jobs; Redis out of reach is reported once per outage elsewhere. */
export function reportWorkerProblems(worker: Worker, log: Logger): void {
  worker.on('failed', (job, error) => log.warn({ queue: worker.name, jobId: job?.id, attempt: job?.attemptsMade, err: error.message }, 'job failed'));
  worker.on('error', (error) => {
    if (!isConnectionError(error)) log.error({ queue: worker.name, err: error.message }, 'worker error');
  });
  worker.on('stalled', (jobId) => log.warn({ queue: worker.name, jobId }, 'job stalled (its worker died or lost Redis): queued again'));
}

/**
 * A worker of the code queue that codes one batch at a time in the calling thread. Each coding
 * thread runs one of its own (see coding-threads.ts), so a thread takes its next batch from Redis
 * as soon as it is free, whatever the main thread is busy with.
 */
export function startCodeWorker(setting: WorkerSetting, log: Logger): { close(): Promise<void> } {
  const connection = openConnection(setting.redisUrl);
  const runs = new RunCoding();
  const deps = { connection, prefix: setting.prefix, code: (batch: CodeJobData) => codeBatch(batch, runs) };
  const worker = new Worker<CodeJobData, CodeJobResult>(queueNames.code, (job) => processCode(job, deps), bullWorkerOptions(setting, connection, 1));
  reportWorkerProblems(worker, log);
  return {
    async close() {
      await worker.close();
      connection.disconnect();
    },
  };
}
