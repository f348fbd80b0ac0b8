import { parentPort, workerData } from 'node:worker_threads';
import { restoreFastStringPrototype } from '../runtime/fast-string-prototype.js';
import { createLogger } from '../runtime/logger.js';
import { loadCodebook } from '../codebook/load-codebook.js';
import { startCodeWorker } from './code-worker.js';
import type { EldDatabase } from '../coding/eld-compact.js';
import type { WorkerSetting } from './worker-setting.js';

/**
 * A coding thread (see coding-threads.ts): a worker of the code queue of its own. It says 'ready'
 * once it could take batches, and takes them only when told to run, and told which queues: until
 * then the thread holds no batch and may be ended at once. On 'close' it lets its batch finish and
 * says 'closed'.
 */
export type CodingThreadMessage = 'ready' | 'closed';
export type CodingThreadCommand = { run: WorkerSetting } | 'close';

/** What a coding thread is started with; eld-compact.ts takes its language database from it. */
export interface CodingThreadData {
  eldDatabase: EldDatabase;
  /**
   * A codebook the thread compiles while the run is still being submitted: a run's first batch
   * waited about a second for it otherwise. The run's own copy then has the same bytes, which
   * loadCodebook compiles only once. Null: none; a file that fails is left to the batch to report.
   */
  warmCodebook: string | null;
}

// This thread's imports have loaded ioredis by now.
restoreFastStringPrototype();
const { warmCodebook } = workerData as CodingThreadData;
if (warmCodebook !== null) await loadCodebook(warmCodebook).catch(() => undefined);
let worker: { close(): Promise<void> } | null = null;
parentPort!.on('message', (command: CodingThreadCommand) => {
  if (typeof command === 'object') worker ??= startCodeWorker(command.run, createLogger());
  if (command === 'close') void (worker?.close() ?? Promise.resolve()).then(() => parentPort!.postMessage('closed' satisfies CodingThreadMessage));
});
parentPort!.postMessage('ready' satisfies CodingThreadMessage);
