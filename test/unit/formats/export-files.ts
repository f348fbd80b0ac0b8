/** Temporary export files and row collection for the format tests. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RowResult } from '../../../src/formats/export-file.js';
import { openExport, type OpenExportOptions } from '../../../src/formats/open-export.js';
import type { Post } from '../../../src/types/contracts.js';

export function fixturePath(name: string): string {
  return fileURLToPath(new URL(`../../fixtures/formats/${name}`, import.meta.url));
}

/** A folder for one test file's temporary exports; `remove` deletes it. */
export async function temporaryFolder(): Promise<{ write: (name: string, content: string | Uint8Array) => Promise<string>; remove: () => Promise<void> }> {
  const folder = await mkdtemp(join(tmpdir(), 'ctacode-formats-'));
  return {
    write: async (name, content) => {
      const path = join(folder, name);
      await writeFile(path, content);
      return path;
    },
    remove: () => rm(folder, { recursive: true, force: true }),
  };
}

export async function readExport(path: string, options?: OpenExportOptions): Promise<{ format: string; encoding: string; rows: RowResult[] }> {
  const opened = await openExport(path, options);
  const rows: RowResult[] = [];
  for await (const row of opened.rows) rows.push(row);
  return { format: opened.format, encoding: opened.encoding, rows };
}

export function postsOf(rows: readonly RowResult[]): Post[] {
  return rows.flatMap((row) => (row.kind === 'post' ? [row.post] : []));
}

export function rejectionsOf(rows: readonly RowResult[]): Extract<RowResult, { kind: 'rejected' }>[] {
  return rows.flatMap((row) => (row.kind === 'rejected' ? [row] : []));
}
