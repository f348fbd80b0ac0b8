import { access, readFile, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunResult } from '../queue/job-types.js';
import type { Pipeline } from '../queue/pipeline.js';
import type { Logger } from '../runtime/logger.js';
import { runLayout } from '../runs/run-layout.js';
import type { Manifest } from '../types/contracts.js';
import { moveWithoutOverwrite, writeWithoutOverwrite } from './move-file.js';
import type { ServiceFolder } from './service-folder.js';
import type { PendingRun, ServiceStore, SettledFile } from './service-store.js';

export interface SettleContext {
  folder: ServiceFolder;
  pipeline: Pipeline;
  store: ServiceStore;
  log: Logger;
}

/**
 * Moves the input files of every finished service run to `processed/`, or to `failed/` with a
 * `<name>.error.txt` giving the reason. Works from the records in Redis, so runs that finished while
 * the service was down are settled when it comes back. Returns the runs settled.
 */
export async function settleFinishedRuns(context: SettleContext): Promise<string[]> {
  const settled: string[] = [];
  for (const run of await context.store.pending()) {
    const outcome = await outcomeOf(context.pipeline, run);
    if (!outcome) continue;
    await settleRun(context, run, outcome);
    settled.push(run.runId);
  }
  return settled;
}

interface Outcome {
  status: string;
  manifest?: Manifest;
  /** Why the whole run failed, when it did without a manifest. */
  reason?: string;
}

async function outcomeOf(pipeline: Pipeline, run: PendingRun): Promise<Outcome | undefined> {
  const state = await pipeline.aggregate.getJobState(run.runId);
  if (state === 'completed') {
    const job = await pipeline.aggregate.getJob(run.runId);
    const result = job?.returnvalue as RunResult | undefined;
    const manifest = await readManifest(result?.runDir);
    return { status: manifest?.status ?? result?.status ?? 'completed', ...(manifest ? { manifest } : {}) };
  }
  if (state === 'failed') {
    const job = await pipeline.aggregate.getJob(run.runId);
    return { status: 'failed', reason: job?.failedReason ?? 'the run failed' };
  }
  if (state === 'unknown') return { status: 'failed', reason: `run ${run.runId} is no longer in Redis (was Redis flushed?)` };
  return undefined;
}

async function readManifest(runDir: string | undefined): Promise<Manifest | undefined> {
  if (!runDir) return undefined;
  try {
    return JSON.parse(await readFile(runLayout.output(runDir, 'manifest.json'), 'utf8')) as Manifest;
  } catch {
    return undefined;
  }
}

async function settleRun(context: SettleContext, run: PendingRun, outcome: Outcome): Promise<void> {
  const { folder, log } = context;
  const files: SettledFile[] = [];
  for (const [index, file] of run.files.entries()) {
    const input = outcome.manifest?.inputs[index];
    const error = input ? (input.status === 'failed' ? (input.error ?? 'could not be coded') : undefined) : (outcome.reason ?? 'could not be coded');
    const exists = await access(file.path).then(() => true, () => false);
    if (!exists) {
      // Settled before a crash, but not yet recorded: the file is already where it belongs.
      files.push({ name: file.name, sha256: file.sha256, status: error ? 'failed' : 'processed', movedTo: '', ...(error ? { error } : {}) });
      continue;
    }
    if (error) {
      const movedTo = await moveWithoutOverwrite(file.path, folder.failed, file.name);
      const movedName = movedTo.slice(folder.failed.length + 1);
      await writeWithoutOverwrite(folder.failed, `${movedName}.error.txt`, `${error.startsWith(`${file.name}:`) ? error : `${file.name}: ${error}`}\nrun: ${run.runId}\n`);
      files.push({ name: file.name, sha256: file.sha256, status: 'failed', movedTo, error });
    } else {
      const movedTo = await moveWithoutOverwrite(file.path, folder.processed, file.name);
      files.push({ name: file.name, sha256: file.sha256, status: 'processed', movedTo });
    }
  }
  await removeIfEmpty(run.stagingDir);
  await context.store.settle(run, files, outcome.manifest?.totals.rows_accepted ?? 0, outcome.status);
  log.info({ runId: run.runId, status: outcome.status, files: files.map((f) => `${f.name}: ${f.status}`) }, 'run settled');
}

async function removeIfEmpty(dir: string): Promise<void> {
  const left = await readdir(dir).catch(() => undefined);
  if (left && left.length === 0) await rm(dir, { recursive: true, force: true });
}

/**
 * Intake folders left by a crash between taking files in and recording their run: their files go
 * back to the inbox. Called at start, before the watcher and the web server take anything in.
 */
export async function returnOrphanedFiles(context: SettleContext): Promise<number> {
  const known = new Set((await context.store.pending()).map((run) => run.stagingDir));
  let returned = 0;
  for (const entry of await readdir(context.folder.incoming, { withFileTypes: true })) {
    const dir = join(context.folder.incoming, entry.name);
    if (!entry.isDirectory() || known.has(dir)) continue;
    for (const name of await readdir(dir)) {
      await moveWithoutOverwrite(join(dir, name), context.folder.inbox, name);
      returned++;
    }
    await removeIfEmpty(dir);
  }
  if (returned > 0) context.log.warn({ returned }, 'returned files of an interrupted intake to the inbox');
  return returned;
}
