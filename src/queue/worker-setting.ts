import type { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from '../runtime/logger.js';
import { isConnectionError } from './connection.js';

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
