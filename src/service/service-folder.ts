import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { DataFolder } from '../runtime/data-folder.js';

/** The service's folders inside the data folder. */
export interface ServiceFolder extends DataFolder {
  /** Files dropped here start a run once their size has settled. */
  inbox: string;
  /** Input files of finished runs. */
  processed: string;
  /** Input files that could not be coded, each with `<name>.error.txt`. */
  failed: string;
  /** Files taken in and waiting for their run to finish: one sub-folder per intake. */
  incoming: string;
}

export function serviceFolder(data: DataFolder): ServiceFolder {
  return { ...data, inbox: join(data.root, 'inbox'), processed: join(data.root, 'processed'), failed: join(data.root, 'failed'), incoming: join(data.root, 'incoming') };
}

export async function ensureServiceFolder(folder: ServiceFolder): Promise<void> {
  for (const dir of [folder.runs, folder.logs, folder.inbox, folder.processed, folder.failed, folder.incoming]) await mkdir(dir, { recursive: true });
}
