import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunSpec } from '../queue/job-types.js';
import type { Pipeline } from '../queue/pipeline.js';
import { readProgress } from '../queue/wait-for-run.js';
import { runLayout } from '../runs/run-layout.js';
import type { Manifest } from '../types/contracts.js';
import type { ServiceStore, SettledFile } from './service-store.js';

/** A run id as newRunId makes them: the only names of run directories the service serves. */
export const runIdPattern = /^\d{8}-\d{6}-[0-9a-f]{6}$/;

export type RunState = 'queued' | 'running' | 'aggregating' | 'completed' | 'completed_with_errors' | 'failed' | 'unknown';

export interface RunSummary {
  runId: string;
  status: RunState;
  createdAt?: string;
  finishedAt?: string;
  files: string[];
  /** Posts read and queued for coding, and coded, while the run is going. */
  progress?: { queued: number; coded: number };
  totals?: Manifest['totals'];
  /** Why a run failed as a whole (from the queue), where there is no manifest. */
  error?: string;
}

export interface RunDetails extends RunSummary {
  runDir: string;
  manifest?: Manifest;
  /** Regular files of the run directory, as they can be downloaded. */
  outputs: string[];
  /** Where the service moved the run's input files. */
  inputs?: SettledFile[];
}

async function readManifest(runDir: string): Promise<Manifest | undefined> {
  try {
    return JSON.parse(await readFile(runLayout.output(runDir, 'manifest.json'), 'utf8')) as Manifest;
  } catch {
    return undefined;
  }
}

/** The runs in the data folder, newest first, with their status from the manifest or from the queue. */
export async function listRuns(runsDir: string, pipeline: Pipeline, limit = 200): Promise<RunSummary[]> {
  const ids = (await readdir(runsDir).catch(() => [] as string[])).filter((name) => runIdPattern.test(name)).sort().reverse().slice(0, limit);
  return Promise.all(ids.map((id) => summarise(join(runsDir, id), id, pipeline)));
}

async function summarise(runDir: string, runId: string, pipeline: Pipeline): Promise<RunSummary> {
  const manifest = await readManifest(runDir);
  if (manifest) {
    const failed = manifest.inputs.filter((i) => i.status === 'failed').map((i) => i.error ?? `${i.file}: could not be coded`);
    return { runId, status: manifest.status, createdAt: manifest.created_at, finishedAt: manifest.finished_at, files: manifest.inputs.map((i) => i.file), totals: manifest.totals, ...(failed.length > 0 ? { error: failed.join('; ') } : {}) };
  }
  const job = await pipeline.aggregate.getJob(runId);
  const spec = job?.data as RunSpec | undefined;
  const files = spec?.files.map((f) => f.name) ?? [];
  const createdAt = spec?.createdAt;
  const state = job ? await job.getState() : 'unknown';
  const base = { runId, files, ...(createdAt ? { createdAt } : {}) };
  if (state === 'failed') return { ...base, status: 'failed', error: job?.failedReason ?? 'the run failed' };
  if (state === 'unknown') return { ...base, status: 'unknown', error: 'not in the queue (another installation, or Redis was flushed)' };
  // The aggregate job waits for its children while files are ingested and coded, then runs once.
  const status: RunState = state === 'active' || state === 'completed' ? 'aggregating' : state === 'waiting-children' ? 'running' : 'queued';
  const progress = await readProgress(pipeline, runId, status === 'aggregating');
  return { ...base, status, progress };
}

export async function runDetails(runsDir: string, runId: string, pipeline: Pipeline, store: ServiceStore): Promise<RunDetails | undefined> {
  if (!runIdPattern.test(runId)) return undefined;
  const runDir = join(runsDir, runId);
  const entries = await readdir(runDir, { withFileTypes: true }).catch(() => undefined);
  if (!entries) return undefined;
  const summary = await summarise(runDir, runId, pipeline);
  const manifest = await readManifest(runDir);
  const outputs = entries.filter((e) => e.isFile() && !e.name.startsWith('.')).map((e) => e.name).sort();
  const settled = await store.settled(runId);
  return { ...summary, runDir, outputs, ...(manifest ? { manifest } : {}), ...(settled ? { inputs: settled.files } : {}) };
}

export const isFinished = (status: RunState) => status === 'completed' || status === 'completed_with_errors' || status === 'failed' || status === 'unknown';
