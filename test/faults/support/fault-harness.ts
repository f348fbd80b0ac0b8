/**
 * Helpers for the fault tests: worker processes that can be killed, a private redis-server that
 * can be restarted, synthetic exports, and comparison of run directories.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { writeSyntheticExport } from '../../../bench/generate.js';
import { loadCodebook } from '../../../src/codebook/load-codebook.js';
import { redisAnswers } from '../../../src/queue/connection.js';
import type { RunResult } from '../../../src/queue/job-types.js';
import { progressKey } from '../../../src/queue/names.js';
import { openPipeline, type Pipeline } from '../../../src/queue/pipeline.js';
import type { RecoveryOptions } from '../../../src/queue/worker-setting.js';
import { startWorkers, type RunningWorkers, type Stage } from '../../../src/queue/start-workers.js';
import { submitRun, type SubmitOptions } from '../../../src/queue/submit-run.js';
import { waitForRun } from '../../../src/queue/wait-for-run.js';
import { findOnPath, freePort } from '../../../src/runtime/local-system.js';
import { createLogger } from '../../../src/runtime/logger.js';
import { deleteKeys } from '../../support/pipeline-harness.js';

export const root = fileURLToPath(new URL('../../../', import.meta.url));
const tsxLoader = import.meta.resolve('tsx');

/**
 * Quick recovery for tests: a dead worker's job is taken up again within about 3 s instead of the
 * production 30-45 s. The semantics (lock expiry, then the stalled check) are the same.
 */
export const fastRecovery: RecoveryOptions = { lockDurationMs: 2000, stalledIntervalMs: 500, maxStalledCount: 3 };
export const fastRecoveryEnv = {
  CTACODE_LOCK_DURATION_MS: String(fastRecovery.lockDurationMs),
  CTACODE_STALLED_INTERVAL_MS: String(fastRecovery.stalledIntervalMs),
  CTACODE_MAX_STALLED: String(fastRecovery.maxStalledCount),
};

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function waitUntil<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs = 120_000, intervalMs = 20): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(intervalMs);
  }
}

/** A worker process started from one of the real entry points (workers/*.ts, the service's worker child). */
export interface WorkerProcess {
  child: ChildProcess;
  /** Everything it wrote, for the message of a failing test. */
  output(): string;
  alive(): boolean;
  kill(signal: NodeJS.Signals): Promise<void>;
}

export function spawnWorkerProcess(entry: string, env: Record<string, string>): WorkerProcess {
  const child = spawn(process.execPath, ['--import', tsxLoader, join(root, entry)], {
    env: { ...process.env, ...fastRecoveryEnv, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = once(child, 'exit');
  return {
    child,
    output: () => output,
    alive: () => child.exitCode === null && child.signalCode === null,
    async kill(signal) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal);
      await exited;
    },
  };
}

/** One test's corner of a Redis (unique key prefix), a data folder, and workers in this process. */
export interface FaultHarness {
  redisUrl: string;
  prefix: string;
  dataDir: string;
  pipeline: Pipeline;
  /** Environment for worker processes and the CLI: this Redis, prefix and data folder. */
  env: Record<string, string>;
  startWorkers(stages: readonly Stage[]): RunningWorkers;
  spawnWorker(entry: string): WorkerProcess;
  submit(files: string[], options?: Partial<Omit<SubmitOptions, 'runsDir' | 'files'>>): Promise<string>;
  wait(runId: string): Promise<RunResult>;
  run(files: string[], options?: Partial<Omit<SubmitOptions, 'runsDir' | 'files'>>): Promise<RunResult>;
  /** Coded batches and queued posts of a run so far. */
  progress(runId: string): Promise<{ codedBatches: number; queued: number }>;
  dispose(): Promise<void>;
}

export async function createFaultHarness(redisUrl: string): Promise<FaultHarness> {
  const prefix = `ctacode-fault-${randomBytes(6).toString('hex')}`;
  const dataDir = await mkdtemp(join(tmpdir(), 'ctacode-fault-'));
  await mkdir(join(dataDir, 'runs'), { recursive: true });
  const pipeline = openPipeline(redisUrl, prefix);
  const log = createLogger();
  const codebook = await loadCodebook();
  const running: RunningWorkers[] = [];
  const processes: WorkerProcess[] = [];
  const env = { REDIS_URL: redisUrl, CTACODE_PREFIX: prefix, CTACODE_DATA: dataDir };
  const harness: FaultHarness = {
    redisUrl,
    prefix,
    dataDir,
    pipeline,
    env,
    startWorkers(stages) {
      const workers = startWorkers({ redisUrl, prefix, stages, recovery: fastRecovery, log });
      running.push(workers);
      return workers;
    },
    spawnWorker(entry) {
      const worker = spawnWorkerProcess(entry, env);
      processes.push(worker);
      return worker;
    },
    async submit(files, options = {}) {
      const spec = await submitRun(pipeline, { runsDir: join(dataDir, 'runs'), files, codebook, ...options });
      return spec.runId;
    },
    wait: (runId) => waitForRun(pipeline, runId, undefined, 50),
    async run(files, options) {
      return harness.wait(await harness.submit(files, options));
    },
    async progress(runId) {
      const fields = await pipeline.connection.hgetall(progressKey(prefix, runId));
      let codedBatches = 0;
      let queued = 0;
      for (const [field, value] of Object.entries(fields)) {
        if (field.startsWith('c:')) codedBatches++;
        else if (field.startsWith('q:')) queued += Number(value);
      }
      return { codedBatches, queued };
    },
    async dispose() {
      await Promise.all(processes.map((p) => p.kill('SIGKILL')));
      await Promise.all(running.map((w) => w.close()));
      await pipeline.close();
      await deleteKeys(prefix, redisUrl).catch(() => undefined);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  return harness;
}


/** A synthetic CrowdTangle export of `size` posts (bench/generate's file: multi-line messages, ~30% CTAs). */
export async function syntheticExport(dir: string, size: number): Promise<string> {
  const path = join(dir, `synthetic-${size}.csv`);
  await writeSyntheticExport(size, path);
  return path;
}

/** The outputs of a run directory (every file but manifest.json), and the manifest without times and run id. */
export async function runOutputs(runDir: string): Promise<{ files: Map<string, Buffer>; manifest: Record<string, unknown>; leftovers: string[] }> {
  const names = (await readdir(runDir)).sort();
  const files = new Map<string, Buffer>();
  for (const name of names) {
    if (name === 'manifest.json' || name.startsWith('.')) continue;
    files.set(name, await readFile(join(runDir, name)));
  }
  const manifest = JSON.parse(await readFile(join(runDir, 'manifest.json'), 'utf8')) as Record<string, unknown>;
  for (const key of ['run_id', 'created_at', 'finished_at']) delete manifest[key];
  const leftovers = names.filter((n) => n.startsWith('.') || /\.(partial|tmp)|\.tmp-/.test(n));
  return { files, manifest, leftovers };
}

/** The JSON log lines that every worker process wrote to the data folder's log. */
export async function logEntries(dataDir: string): Promise<Record<string, unknown>[]> {
  const text = await readFile(join(dataDir, 'logs', 'ctacode.log'), 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

export function csvRows(csv: Buffer | string): Record<string, string>[] {
  return parse(csv, { columns: true, bom: true }) as Record<string, string>[];
}

/** A private redis-server with append-only persistence that a test can stop and start again on the same port and files. */
export interface PrivateRedis {
  url: string;
  /** Stops it the way a service manager does (SIGTERM: flushes the append-only file and exits). */
  stop(): Promise<void>;
  start(): Promise<void>;
  dispose(): Promise<void>;
}

export async function startPrivateRedis(): Promise<PrivateRedis> {
  const dir = await mkdtemp(join(tmpdir(), 'ctacode-fault-redis-'));
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  let server: ChildProcess | undefined;
  const handle: PrivateRedis = {
    url,
    async start() {
      if (!(await findOnPath('redis-server'))) throw new Error('the Redis restart test needs redis-server on the PATH (Debian/Ubuntu: apt-get install redis-server)');
      server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--save', '', '--maxmemory-policy', 'noeviction'], { stdio: 'ignore' });
      await waitUntil('the private redis-server to answer', () => redisAnswers(url, 300), 20_000, 100);
    },
    async stop() {
      const s = server;
      server = undefined;
      if (!s || s.exitCode !== null || s.signalCode !== null) return;
      const exited = once(s, 'exit');
      s.kill('SIGTERM');
      await exited;
    },
    async dispose() {
      await handle.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
  await handle.start();
  return handle;
}

