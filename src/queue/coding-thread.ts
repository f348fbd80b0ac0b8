import { parentPort } from 'node:worker_threads';
import type { CodeJobData } from './job-types.js';
import { codeBatch, RunCoding } from './process-code.js';

/** A coding thread: codes the batches the pool sends, one at a time, and writes their part files. */
export interface CodingTask {
  id: number;
  batch: CodeJobData;
}

export type CodingReply = { id: number; result: { posts: number; ctaPosts: number } } | { id: number; error: string };

const runs = new RunCoding();
parentPort!.on('message', (task: CodingTask) => {
  codeBatch(task.batch, runs).then(
    (result) => parentPort!.postMessage({ id: task.id, result } satisfies CodingReply),
    (error: unknown) => parentPort!.postMessage({ id: task.id, error: error instanceof Error ? error.message : String(error) } satisfies CodingReply),
  );
});
parentPort!.postMessage('ready');
