import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Logger } from '../runtime/logger.js';

export interface WorkerPoolOptions {
  /** Number of worker processes. */
  processes: number;
  redisUrl: string;
  prefix: string;
  dataDir: string;
  log: Logger;
  /** Where the children's output goes (default: this process's stdout and stderr). */
  stdio?: 'inherit' | 'ignore';
}

export interface WorkerPool {
  readonly pids: number[];
  /** SIGTERM to every child (running jobs finish), then waits for them to exit. */
  close(): Promise<void>;
}

const childEntry = fileURLToPath(new URL('./worker-child.ts', import.meta.url));
const tsxLoader = import.meta.resolve('tsx');

/**
 * V8 flags of a worker child, as bin/ctacode.js gives them to `ctacode run` (see there): garbage
 * collected without helper threads, which only compete with coding for the cores, and heaps that
 * grow by half at most between full collections. Its environment sets glibc's MALLOC_ARENA_MAX
 * as that file does too.
 */
const childV8Flags = ['--single-threaded-gc', '--heap-growing-percent=50'];

/**
 * Coding is CPU-bound and a Node process uses one core for it, so every core needs a process: N
 * children each run all three stages against the same Redis. A child that dies is started again.
 */
export function startWorkerPool(options: WorkerPoolOptions): WorkerPool {
  const children = new Set<ChildProcess>();
  let stopping = false;

  const launch = (slot: number) => {
    const child = spawn(process.execPath, [...childV8Flags, '--import', tsxLoader, childEntry], {
      env: { MALLOC_ARENA_MAX: '2', ...process.env, REDIS_URL: options.redisUrl, CTACODE_PREFIX: options.prefix, CTACODE_DATA: options.dataDir },
      stdio: options.stdio ?? 'inherit',
    });
    children.add(child);
    options.log.info({ slot, pid: child.pid }, 'worker process started');
    child.once('exit', (code, signal) => {
      children.delete(child);
      if (stopping) return;
      options.log.warn({ slot, pid: child.pid, code, signal }, 'worker process exited; starting another');
      setTimeout(() => {
        if (!stopping) launch(slot);
      }, 1000).unref();
    });
  };
  for (let slot = 0; slot < options.processes; slot++) launch(slot);

  return {
    get pids() {
      return [...children].map((c) => c.pid!).filter(Boolean);
    },
    async close() {
      stopping = true;
      await Promise.all(
        [...children].map(
          (child) =>
            new Promise<void>((resolve) => {
              if (child.exitCode !== null || child.signalCode !== null) return resolve();
              child.once('exit', () => resolve());
              child.kill('SIGTERM');
            }),
        ),
      );
    },
  };
}
