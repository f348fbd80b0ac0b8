import { Worker } from 'node:worker_threads';
import type { LinkTablesWritten } from './derived-tables.js';
import { buildLinkTables, type LinkThreadReply, type LinkThreadRequest } from './link-thread.js';

/** What builds a run's link tables (see link-thread.ts): a thread of its own, on the core the coding threads have left, or the calling thread. */
export interface LinkThread {
  /** Hands the thread its request; resolves with what it wrote, once the thread (and the memory of its tables) is gone. */
  build(request: LinkThreadRequest): Promise<LinkTablesWritten>;
  /** Ends the thread, done or not. */
  close(): Promise<void>;
}

const entry = new URL('./link-thread.mjs', import.meta.url);

/**
 * The thread's young generation, where V8 puts new objects: the link tables are built in the
 * aggregate step, when the run's memory peaks, and the default (up to 48 MB, as much again as the
 * main thread's) raised a million posts' peak by about 20 MB for no time saved.
 */
const YOUNG_GENERATION_MB = 16;

/**
 * Starts the thread at once, so that it has loaded its modules (about 0.2 s) by the time the
 * aggregate step's first pass is done and the request can be made.
 */
export function startLinkThread(): LinkThread {
  const thread = new Worker(entry, { stdout: false, stderr: false, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
  const reply = new Promise<LinkThreadReply>((resolve, reject) => {
    thread.once('message', resolve);
    thread.once('error', reject);
    thread.once('exit', (code) => reject(new Error(`the thread that writes alliances.csv and the network stopped (exit code ${code}) before it was done; run the aggregate step again`)));
  });
  // A thread that fails before it is asked must not count as an unhandled rejection.
  reply.catch(() => undefined);
  return {
    async build(request) {
      thread.postMessage(request);
      const answer = await reply.finally(() => thread.terminate());
      if ('error' in answer) throw new Error(answer.error);
      return answer.written;
    },
    async close() {
      await thread.terminate();
    },
  };
}

/** The link tables built in the calling thread, interleaved with its own work: for small runs, where starting a thread costs more than it saves. */
export function linkTablesInThisThread(): LinkThread {
  return { build: buildLinkTables, close: async () => undefined };
}
