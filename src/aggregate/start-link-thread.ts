import { Worker } from 'node:worker_threads';
import type { LinkTablesWritten } from './derived-tables.js';
import { buildLinkTables, type LinkThreadReply, type LinkThreadRequest } from './link-thread.js';
import { threadEntry } from '../runtime/runs-compiled.js';

/** What builds a run's link tables (see link-thread.ts): a thread of its own, on the core the coding threads have left, or the calling thread. */
export interface LinkTablesBuilder {
  /** Starts building. */
  build(request: LinkThreadRequest): LinkTablesBuilding;
  /** Stops the building, done or not, and returns once nothing more will be written. */
  close(): Promise<void>;
}

/**
 * The link tables being built. The account table needs only the measures, which come before the
 * files are written: accounts.csv is then written while alliances.csv, network_edges.csv and
 * network.gexf are (over a million posts, the main thread otherwise waited about 0.4 s for them).
 */
export interface LinkTablesBuilding {
  /** Each account's network measures, by accountKey, once the network is built. */
  measures: Promise<LinkTablesWritten['measures']>;
  /** What was written, once every file is and a thread (with the memory of its tables) is gone. */
  written: Promise<LinkTablesWritten>;
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
  const measures = settlement<LinkTablesWritten['measures']>();
  const written = settlement<LinkTablesWritten>();
  const fail = (error: Error) => {
    measures.reject(error);
    written.reject(error);
  };
  thread.on('message', (reply: LinkThreadReply) => {
    if ('measures' in reply) measures.resolve(reply.measures);
    else if ('written' in reply) written.resolve(reply.written);
    else fail(new Error(reply.error));
  });
  thread.once('error', (error: NodeJS.ErrnoException) => {
    const outOfMemory = error.code === 'ERR_WORKER_OUT_OF_MEMORY';
    fail(outOfMemory ? new Error("the thread that writes alliances.csv and the network ran out of memory: set CTACODE_LINK_THREAD_MIN_ROWS above the run's rows, so that the main thread builds them (its heap can be raised with NODE_OPTIONS=--max-old-space-size=MB)", { cause: error }) : error);
  });
  thread.once('exit', (code) => fail(new Error(`the thread that writes alliances.csv and the network stopped (exit code ${code}) before it was done; the aggregate job fails and is tried again`)));
  return {
    build(request) {
      thread.postMessage(request);
      const done = written.promise.finally(() => thread.terminate());
      done.catch(() => undefined);
      return { measures: measures.promise, written: done };
    },
    async close() {
      await thread.terminate();
    },
  };
}

/** A promise and its settling functions; settled once, later calls are ignored. A failure that nobody awaits does not count as unhandled. */
function settlement<T>(): { promise: Promise<T>; resolve(value: T): void; reject(error: Error): void } {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  promise.catch(() => undefined);
  return { promise, resolve, reject };
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
      const measures = settlement<LinkTablesWritten['measures']>();
      const written = buildLinkTables(request, stop.signal, measures.resolve);
      written.catch(measures.reject);
      building = written.catch(() => undefined);
      return { measures: measures.promise, written };
    },
    async close() {
      stop.abort();
      await building;
    },
  };
}
