import { Worker } from 'node:worker_threads';
import type { LinkTablesWritten } from './derived-tables.js';
import { buildLinkTables, type LinkThreadReply, type LinkThreadRequest } from './link-thread.js';
import { threadEntry } from '../runtime/runs-compiled.js';

/** What builds a run's link tables (see link-thread.ts): a thread of its own, on the core the coding threads have left, or the calling thread. */
export interface LinkTablesBuilder {
  /** Starts building; resolves with what was written, once a thread (and the memory of its tables) is gone. */
  build(request: LinkThreadRequest): Promise<LinkTablesWritten>;
  /** Stops the building, done or not, and returns once nothing more will be written. */
  close(): Promise<void>;
}

const entry = threadEntry('link-thread-entry', import.meta.url);

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
export function startLinkThread(): LinkTablesBuilder {
  const thread = new Worker(entry, { stdout: false, stderr: false, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
  const reply = new Promise<LinkThreadReply>((resolve, reject) => {
    thread.once('message', resolve);
    thread.once('error', (error: NodeJS.ErrnoException) => {
      const outOfMemory = error.code === 'ERR_WORKER_OUT_OF_MEMORY';
      reject(outOfMemory ? new Error("the thread that writes alliances.csv and the network ran out of memory: set CTACODE_LINK_THREAD_MIN_ROWS above the run's rows, so that the main thread builds them (its heap can be raised with NODE_OPTIONS=--max-old-space-size=MB)", { cause: error }) : error);
    });
    thread.once('exit', (code) => reject(new Error(`the thread that writes alliances.csv and the network stopped (exit code ${code}) before it was done; the aggregate job fails and is tried again`)));
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

/**
 * The link tables built in the calling thread, interleaved with its other work: for small runs,
 * where starting a thread costs more than it saves. close() stops the building between batches and
 * waits for it, so that a failed aggregate step leaves no files to be written behind its back.
 */
export function linkTablesInThisThread(): LinkTablesBuilder {
  const stop = new AbortController();
  let building: Promise<unknown> = Promise.resolve();
  return {
    build(request) {
      const built = buildLinkTables(request, stop.signal);
      building = built.catch(() => undefined);
      return built;
    },
    async close() {
      stop.abort();
      await building;
    },
  };
}
