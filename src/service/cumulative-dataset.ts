import { randomBytes } from 'node:crypto';
import { readdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { mergeRuns, type MergeResult } from '../aggregate/merge-runs.js';
import type { Logger } from '../runtime/logger.js';
import { InputError } from '../runs/input-files.js';
import type { Manifest } from '../types/contracts.js';

/** Where the project's cumulative dataset lives: `<data>/cumulative/`. */
export const cumulativeDir = (dataRoot: string) => join(dataRoot, 'cumulative');

/**
 * Rebuilds the project's cumulative dataset from every run of the data folder that coded at least
 * one file: one deduplicated dataset keeping the newest snapshot of each post (`ctacode merge`).
 * It is built in a fresh folder and swapped in by rename, so a reader never sees half of it; when
 * the runs cannot be merged (e.g. coded with different codebook versions) the previous dataset
 * stays and the reason is logged. Returns undefined when there was nothing to merge or it failed.
 */
export async function rebuildCumulativeDataset(runsDir: string, dataRoot: string, log: Logger): Promise<MergeResult | undefined> {
  const runDirs = await codedRuns(runsDir);
  if (runDirs.length === 0) return undefined;
  const target = cumulativeDir(dataRoot);
  const building = `${target}.building-${randomBytes(4).toString('hex')}`;
  try {
    const result = await mergeRuns({ runDirs, outDir: building });
    const retired = `${target}.old-${randomBytes(4).toString('hex')}`;
    await rename(target, retired).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
    await rename(building, target);
    await rm(retired, { recursive: true, force: true });
    log.info({ runs: runDirs.length, rows: result.rows, dir: target }, 'cumulative dataset rebuilt');
    return { ...result, outDir: target };
  } catch (error) {
    await rm(building, { recursive: true, force: true });
    if (!(error instanceof InputError)) throw error;
    log.warn({ err: error.message }, 'cumulative dataset not updated');
    return undefined;
  }
}

/** Run directories (in name order, which is time order) whose manifest says some file was coded. */
async function codedRuns(runsDir: string): Promise<string[]> {
  const names = (await readdir(runsDir).catch(() => [] as string[])).filter((name) => !name.startsWith('.')).sort();
  const coded: string[] = [];
  for (const name of names) {
    const manifest = await readFile(join(runsDir, name, 'manifest.json'), 'utf8').then((text) => JSON.parse(text) as Manifest, () => undefined);
    if (manifest && manifest.status !== 'failed') coded.push(join(runsDir, name));
  }
  return coded;
}
