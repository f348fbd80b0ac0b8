import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Logger } from '../runtime/logger.js';
import { codingNodeEnv, codingNodeFlags } from '../runtime/node-settings.js';
import { runsCompiled } from '../runtime/runs-compiled.js';

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

/** A child runs as this process does: the compiled worker-child.js, or worker-child.ts through tsx (see runs-compiled.ts). */
const childArguments = runsCompiled ? [fileURLToPath(new URL('./worker-child.js', import.meta.url))] : ['--import', import.meta.resolve('tsx'), fileURLToPath(new URL('./worker-child.ts', import.meta.url))];

/**
 * Coding is CPU-bound and a Node process uses one core for it, so every core needs a process: N
 * children each run all three stages against the same Redis. A child that dies is started again.
 */
export function startWorkerPool(options: WorkerPoolOptions): WorkerPool {
  const children = new Set<ChildProcess>();
  let stopping = false;

  const launch = (slot: number) => {
    // Started as bin/ctacode.js starts `ctacode run`.
    const child = spawn(process.execPath, [...codingNodeFlags, ...childArguments], {
      env: { ...codingNodeEnv(process.env), REDIS_URL: options.redisUrl, CTACODE_PREFIX: options.prefix, CTACODE_DATA: options.dataDir },
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
