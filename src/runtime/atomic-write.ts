import { randomBytes } from 'node:crypto';
import { closeSync, openSync, renameSync, writeSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';

/** A name beside `path` that no other process or attempt writes to. */
export const temporaryName = (path: string) => `${path}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;

/** Write to a temporary name, then rename: a reader, or a retry after a crash, never sees half a file. */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const temporary = temporaryName(path);
  await writeFile(temporary, data);
  await rename(temporary, path);
}

/**
 * writeFileAtomic without leaving the thread, for a thread that has nothing else to do
 * meanwhile (the kept copies of parsed codebooks, kept-value.ts).
 */
export function writeFileAtomicSync(path: string, data: Uint8Array): void {
  const temporary = temporaryName(path);
  const fd = openSync(temporary, 'w');
  try {
    writeAllSync(fd, data);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, path);
}

/** writeSync until every byte is written: it may write fewer than asked. */
export function writeAllSync(fd: number, bytes: Uint8Array): void {
  for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at);
}
