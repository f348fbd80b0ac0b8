import { mkdir, mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import { runLayout } from '../../src/runs/run-layout.js';

/** A new run directory inside `root`, with the .work folder coding workers write their logs to. */
export async function newRunDir(root: string): Promise<string> {
  const runDir = await mkdtemp(join(root, 'run-'));
  await mkdir(runLayout.work(runDir));
  return runDir;
}
