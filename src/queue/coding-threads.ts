import { Worker } from 'node:worker_threads';
import { eldDatabase } from '../coding/eld-compact.js';
import type { Logger } from '../runtime/logger.js';
import type { WorkerSetting } from './worker-setting.js';
import type { CodingThreadCommand, CodingThreadData, CodingThreadMessage } from './coding-thread.js';
import { threadEntry } from '../runtime/runs-compiled.js';

/** Worker threads that code batches, so that one process codes on several cores. */
export interface CodingThreads {
  /**
   * Lets the threads take batches from the queues of `setting`; a thread still starting takes them
   * once it is ready. Problems of the threads go to `log`, those from before this call too.
   */
  run(setting: WorkerSetting, log: Logger): void;
  /** Lets each thread finish its batch, then ends the threads; threads not yet taking batches are ended at once. */
  close(): Promise<void>;
}

const entry = threadEntry('coding-thread', import.meta.url);

const heapVariable = 'CTACODE_CODING_THREAD_HEAP_MB';

/**
 * The old-generation heap of a coding thread, in MB (CTACODE_CODING_THREAD_HEAP_MB, default 256).
 * The limit is a ceiling for a very large codebook, not what a thread takes: a thread holds its
 * modules, the compiled cta-v1, its word caches and ELD's compact database, and bin/ctacode.js
 * keeps each heap within half again of what it holds live.
 */
export function codingThreadHeapMb(env: NodeJS.ProcessEnv): number {
  const value = Number(env[heapVariable]);
  return Number.isInteger(value) && value > 0 ? value : 256;
}

/**
 * The young generation of a coding thread, in MB: twice V8's default (semi-spaces of 32 instead
 * of 16 MB), so that fewer of a batch's short-lived objects outlive a scavenge and are copied.
 * Seven alternating pairs of 1M runs: the coding phase was shorter in six, by 2.6 s in the mean
 * (37.6 against 40.1 s), and the peak did not move (399–445 against 400–441 MiB): the coding
 * threads end before the aggregate step, where a run peaks. The main thread keeps V8's default, since
 * `--max-semi-space-size` for the whole process raised the peak by about 100 MB.
 */
const youngGenerationMb = 96;

export interface CodingThreadOptions {
  /** Where CTACODE_CODING_THREAD_HEAP_MB is read. */
  env?: NodeJS.ProcessEnv;
  /** A codebook file each thread compiles as it starts (see CodingThreadData). */
  warmCodebook?: string | null;
}

/**
 * `count` threads, each a worker of the code queue of its own once told to run (a thread costs the
 * memory of the coding modules again: each added thread raised the peak memory of a 100,000-post
 * run by about 130 MB). Each takes batches straight from Redis, so no thread waits on another. A
 * thread that dies leaves its batch to BullMQ's stalled-job recovery (another worker codes it again
 * once its lock expires) and is replaced.
 *
 * The threads start loading their modules at once, before they know the queues: `ctacode run`
 * starts them before it loads its own, so that both load on two cores at the same time (docs/operations.md).
 */
export function startCodingThreads(count: number, { env = process.env, warmCodebook = null }: CodingThreadOptions = {}): CodingThreads {
  const heapMb = codingThreadHeapMb(env);
  const threads = new Set<Worker>();
  /** Threads told to take batches; the others hold none. */
  const running = new WeakSet<Worker>();
  const ready = new Set<Worker>();
  let queues: { setting: WorkerSetting; log: Logger } | null = null;
  /** What the threads had to say before there was a log to say it in. */
  const untold: ((log: Logger) => void)[] = [];
  const tell = (say: (log: Logger) => void) => (queues === null ? untold.push(say) : say(queues.log));
  let closing: Promise<void> | null = null;

  const runThread = (thread: Worker, setting: WorkerSetting) => {
    running.add(thread);
    thread.postMessage({ run: setting } satisfies CodingThreadCommand);
  };
  const spawnThread = () => {
    const workerData: CodingThreadData = { eldDatabase, warmCodebook };
    const thread = new Worker(entry, { workerData, stdout: false, stderr: false, resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: youngGenerationMb } });
    thread.on('error', (error) => {
      const outOfMemory = (error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY';
      tell((log) => log.error({ err: error.message }, outOfMemory ? `a coding thread ran out of its ${heapMb} MB heap: set ${heapVariable} higher (a very large codebook needs more) or run with --workers 1` : 'coding thread failed'));
    });
    // Told to run here, where closing is decided, so that no thread takes a batch once closing has begun.
    thread.on('message', (message: CodingThreadMessage) => {
      if (message !== 'ready' || closing !== null) return;
      if (queues === null) ready.add(thread);
      else runThread(thread, queues.setting);
    });
    thread.on('exit', (code) => {
      threads.delete(thread);
      ready.delete(thread);
      if (closing !== null) return;
      tell((log) => log.warn({ code }, 'coding thread exited; starting another (its batch is coded again once its lock expires)'));
      spawnThread();
    });
    threads.add(thread);
  };
  for (let i = 0; i < count; i++) spawnThread();

  const closeAll = async () => {
    await Promise.all(
      [...threads].map(async (thread) => {
        // Still starting, or never told to run (a short run may be over by then): no batch to let finish.
        if (!running.has(thread)) return void (await thread.terminate());
        const closed = new Promise<void>((resolve) => {
          thread.on('message', (message: CodingThreadMessage) => message === 'closed' && resolve());
          thread.once('exit', () => resolve());
        });
        thread.postMessage('close' satisfies CodingThreadCommand);
        await closed;
        await thread.terminate();
      }),
    );
  };

  return {
    run(setting, log) {
      if (queues !== null || closing !== null) return;
      queues = { setting, log };
      for (const say of untold.splice(0)) say(log);
      for (const thread of ready) runThread(thread, setting);
      ready.clear();
    },
    close() {
      closing ??= closeAll();
      return closing;
    },
  };
}
