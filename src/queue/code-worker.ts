import { Worker } from 'bullmq';
import type { Logger } from '../runtime/logger.js';
import { openConnection } from './connection.js';
import type { CodeJobData, CodeJobResult } from './job-types.js';
import { queueNames } from './names.js';
import { codeBatch, processCode, RunCoding } from './process-code.js';
import { bullWorkerOptions, reportWorkerProblems, type WorkerSetting } from './worker-setting.js';

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
