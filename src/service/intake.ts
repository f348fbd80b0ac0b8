import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { LoadedCodebook } from '../codebook/load-codebook.js';
import type { Pipeline } from '../queue/pipeline.js';
import { submitRun } from '../queue/submit-run.js';
import { hashFile } from '../runtime/hash-file.js';
import type { Logger } from '../runtime/logger.js';
import { moveWithoutOverwrite, writeWithoutOverwrite } from './move-file.js';
import type { ServiceFolder } from './service-folder.js';
import type { IntakeSource, ServiceStore, StagedFile } from './service-store.js';

export interface IntakeContext {
  folder: ServiceFolder;
  pipeline: Pipeline;
  store: ServiceStore;
  codebook: LoadedCodebook;
  log: Logger;
  batchSize?: number;
}

/** A file that was not coded again because a file with the same bytes already was (or is being). */
export interface SkippedFile {
  name: string;
  sha256: string;
  runId: string;
  movedTo: string;
}

export interface IntakeResult {
  /** Undefined when every file was skipped. */
  runId?: string;
  files: StagedFile[];
  skipped: SkippedFile[];
}

/** A new, empty intake folder under `incoming/`. */
export async function newStagingDir(folder: ServiceFolder): Promise<string> {
  const dir = join(folder.incoming, `${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`);
  await mkdir(dir, { recursive: true });
  return dir;
}

/** Moves files (from the inbox or a swept folder) into a new intake folder, keeping their names. */
export async function stageFiles(folder: ServiceFolder, paths: readonly { path: string; name: string }[]): Promise<{ stagingDir: string; files: { path: string; name: string }[] }> {
  const stagingDir = await newStagingDir(folder);
  const files = [];
  for (const file of paths) files.push({ path: await moveWithoutOverwrite(file.path, stagingDir, file.name), name: file.name });
  return { stagingDir, files };
}

/** Moves the files of an intake folder that was not submitted back to the inbox, and removes the folder. */
export async function unstage(folder: ServiceFolder, stagingDir: string): Promise<void> {
  for (const name of await readdir(stagingDir).catch(() => [] as string[])) await moveWithoutOverwrite(join(stagingDir, name), folder.inbox, name);
  await rm(stagingDir, { recursive: true, force: true });
}

/**
 * Submits the files of an intake folder as one run and records it for settling. A file whose sha256
 * the service has already taken in is moved to `processed/` with a `.skipped.txt` note naming the
 * run that coded it, unless `recode` is set.
 */
export async function submitStaged(
  context: IntakeContext,
  stagingDir: string,
  files: readonly { path: string; name: string }[],
  options: { source: IntakeSource; recode?: boolean; schedule?: string },
): Promise<IntakeResult> {
  const { store, folder, log } = context;
  const staged: StagedFile[] = [];
  const skipped: SkippedFile[] = [];
  const seen = new Set<string>();
  for (const file of files) {
    const { sha256 } = await hashFile(file.path);
    const earlier = options.recode ? undefined : await store.runOfSha256(sha256);
    if (earlier || seen.has(sha256)) {
      const runId = earlier ?? 'this run';
      const movedTo = await moveWithoutOverwrite(file.path, folder.processed, file.name);
      await writeWithoutOverwrite(folder.processed, `${file.name}.skipped.txt`, `${file.name} was not coded again: a file with the same content (sha256 ${sha256}) was already taken in by run ${runId}.\nTo code it again, use "Code again" on that run's page, or start the service with --recode.\n`);
      await store.countSkipped();
      log.info({ file: file.name, sha256, runId }, 'skipped a file already coded');
      skipped.push({ name: file.name, sha256, runId, movedTo });
      continue;
    }
    seen.add(sha256);
    staged.push({ name: file.name, path: file.path, sha256 });
  }
  if (staged.length === 0) {
    await rm(stagingDir, { recursive: true, force: true });
    return { files: [], skipped };
  }
  const spec = await submitRun(context.pipeline, {
    runsDir: folder.runs,
    files: staged.map((f) => f.path),
    codebook: context.codebook,
    ...(context.batchSize ? { batchSize: context.batchSize } : {}),
  });
  await store.addPending({ runId: spec.runId, source: options.source, stagingDir, files: staged, ...(options.schedule ? { schedule: options.schedule } : {}) });
  log.info({ runId: spec.runId, source: options.source, files: staged.map((f) => f.name) }, 'run submitted');
  return { runId: spec.runId, files: staged, skipped };
}
