import { Worker } from 'node:worker_threads';
import type { Logger } from '../runtime/logger.js';
import type { CodingReply, CodingTask } from './coding-thread.js';
import type { CodeJobData, CodeJobResult } from './job-types.js';
import { codeBatch, RunCoding } from './process-code.js';

/** Worker threads that code batches, so that one process codes on several cores. */
export interface CodingPool {
  code(batch: CodeJobData): Promise<CodeJobResult>;
  /** Waits for the batches being coded, then ends the threads. */
  close(): Promise<void>;
}

interface Pending {
  task: CodingTask;
  resolve(result: CodeJobResult): void;
  reject(error: Error): void;
}

interface Slot {
  thread: Worker;
  /** The thread has loaded the coding modules (a second or more): until then this thread codes. */
  ready: boolean;
  busy?: Pending;
}

const entry = new URL('./coding-thread.mjs', import.meta.url);

/**
 * Codes `size` batches at once: `size - 1` coding threads and this thread. A thread costs the
 * memory of the coding modules again (about 190 MB), hence this thread takes a share instead of
 * idling (ingest and aggregate are mostly waiting on I/O and Redis). A batch goes to an idle
 * thread, else to this thread if it is free, else waits (the BullMQ worker's concurrency equals
 * `size`, so little waits). A thread that dies fails its batch (BullMQ retries it) and is replaced.
 */
export function startCodingPool(size: number, log: Logger, { codeHereToo = true } = {}): CodingPool {
  const slots = new Set<Slot>();
  const waiting: Pending[] = [];
  const runs = new RunCoding();
  let localBusy = false;
  let nextId = 0;
  let closing = false;

  const dispatch = () => {
    for (const slot of slots) {
      if (waiting.length === 0) return;
      if (slot.busy || !slot.ready) continue;
      const pending = waiting.shift()!;
      slot.busy = pending;
      slot.thread.postMessage(pending.task);
    }
    if (waiting.length > 0 && codeHereToo && !localBusy) {
      const pending = waiting.shift()!;
      localBusy = true;
      // Next tick: the batch's job has its lock and the other dispatches go out first.
      setImmediate(() => {
        codeBatch(pending.task.batch, runs)
          .then(pending.resolve, pending.reject)
          .finally(() => {
            localBusy = false;
            dispatch();
          });
      });
    }
  };

  const spawnSlot = () => {
    const thread = new Worker(entry, { stdout: false, stderr: false });
    const slot: Slot = { thread, ready: false };
    thread.on('message', (message: CodingReply | 'ready') => {
      if (message === 'ready') {
        slot.ready = true;
        dispatch();
        return;
      }
      const pending = slot.busy;
      slot.busy = undefined;
      if (pending && pending.task.id === message.id) {
        if ('error' in message) pending.reject(new Error(message.error));
        else pending.resolve(message.result);
      }
      dispatch();
    });
    thread.on('error', (error) => log.error({ err: error.message }, 'coding thread failed'));
    thread.on('exit', (code) => {
      slots.delete(slot);
      slot.busy?.reject(new Error(`the coding thread exited (code ${code}) while coding this batch`));
      if (!closing) {
        log.warn({ code }, 'coding thread exited; starting another');
        spawnSlot();
        dispatch();
      }
    });
    slots.add(slot);
  };
  for (let i = codeHereToo ? 1 : 0; i < size; i++) spawnSlot();

  return {
    code(batch) {
      return new Promise<CodeJobResult>((resolve, reject) => {
        waiting.push({ task: { id: nextId++, batch }, resolve, reject });
        dispatch();
      });
    },
    async close() {
      closing = true;
      for (const pending of waiting.splice(0)) pending.reject(new Error('the coding pool is closing'));
      await Promise.all([...slots].map((slot) => slot.thread.terminate()));
    },
  };
}
