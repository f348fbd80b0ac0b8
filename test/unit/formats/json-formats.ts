/** Shared checks for the JSON format tests. */
import { expect } from 'vitest';
import type { RowResult } from '../../../src/formats/export-file.js';
import { readExport } from './export-files.js';

/** Reads a fixture and checks the account of rows: every row is a post or a rejection with a line and reason. */
export async function readJsonExport(path: string, options?: Parameters<typeof readExport>[1]): Promise<{ format: string; rows: RowResult[] }> {
  const { format, rows } = await readExport(path, options);
  for (const row of rows) {
    expect(row.line).toBeGreaterThan(0);
    if (row.kind === 'rejected') expect(row.reason).not.toBe('');
    else expect(row.post.source).toEqual({ file: expect.any(String), format, row: row.line });
  }
  return { format, rows };
}

/** `[line, kind]` of every row, for the account of rows. */
export function rowKinds(rows: readonly RowResult[]): [number, string][] {
  return rows.map((row) => [row.line, row.kind]);
}
