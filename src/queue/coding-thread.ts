import { parentPort, workerData } from 'node:worker_threads';
import { createLogger } from '../runtime/logger.js';
import { startCodeWorker } from './code-worker.js';
import type { WorkerSetting } from './worker-setting.js';

/**
 * A coding thread (see coding-threads.ts): a worker of the code queue of its own. On 'close' it
 * lets its batch finish and says 'closed'.
 */
export type CodingThreadMessage = 'closed';

const worker = startCodeWorker(workerData as WorkerSetting, createLogger());
parentPort!.on('message', (message: 'close') => {
  if (message !== 'close') return;
  void worker.close().then(() => parentPort!.postMessage('closed' satisfies CodingThreadMessage));
});
