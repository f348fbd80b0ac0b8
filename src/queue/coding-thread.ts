import { parentPort, workerData } from 'node:worker_threads';
import { createLogger } from '../runtime/logger.js';
import { startCodeWorker } from './code-worker.js';
import type { EldDatabase } from '../coding/eld-compact.js';
import type { WorkerSetting } from './worker-setting.js';

/**
 * A coding thread (see coding-threads.ts): a worker of the code queue of its own. On 'close' it
 * lets its batch finish and says 'closed'.
 */
export type CodingThreadMessage = 'closed';

/** What a coding thread is started with; eld-compact.ts takes its language database from it. */
export interface CodingThreadData {
  setting: WorkerSetting;
  eldDatabase: EldDatabase;
}

const worker = startCodeWorker((workerData as CodingThreadData).setting, createLogger());
parentPort!.on('message', (message: 'close') => {
  if (message !== 'close') return;
  void worker.close().then(() => parentPort!.postMessage('closed' satisfies CodingThreadMessage));
});
