import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/** Where ctacode keeps runs, logs and a private Redis: `--data`, else CTACODE_DATA, else ./ctacode-data. */
export interface DataFolder {
  root: string;
  runs: string;
  logs: string;
  redis: string;
}

export function resolveDataFolder(option?: string, env: NodeJS.ProcessEnv = process.env): DataFolder {
  const root = resolve(option ?? env.CTACODE_DATA ?? 'ctacode-data');
  return { root, runs: join(root, 'runs'), logs: join(root, 'logs'), redis: join(root, 'redis') };
}

export async function ensureDataFolder(folder: DataFolder): Promise<void> {
  for (const dir of [folder.runs, folder.logs]) await mkdir(dir, { recursive: true });
}
