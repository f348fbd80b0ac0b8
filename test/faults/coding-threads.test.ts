import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCodebook } from '../../src/codebook/load-codebook.js';
import { openExport } from '../../src/formats/open-export.js';
import { startCodingPool, type CodingPool } from '../../src/queue/coding-pool.js';
import { codeBatch, RunCoding } from '../../src/queue/process-code.js';
import { createLogger } from '../../src/runtime/logger.js';
import { runLayout } from '../../src/runs/run-layout.js';
import type { Post } from '../../src/types/contracts.js';
import { syntheticExport } from './support/fault-harness.js';

const rowOptions = { noText: false, pseudonymKeyFile: null };

describe('coding threads', () => {
  let dir: string;
  let runDir: string;
  let posts: Post[];
  let pool: CodingPool;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ctacode-threads-'));
    runDir = join(dir, 'run');
    await mkdir(runLayout.work(runDir), { recursive: true });
    await writeFile(runLayout.codebook(runDir), (await loadCodebook()).text);
    posts = [];
    for await (const row of (await openExport(await syntheticExport(dir, 300))).rows) if (row.kind === 'post') posts.push(row.post);
    pool = startCodingPool(2, createLogger(), { codeHereToo: false });
  });

  afterAll(async () => {
    await pool?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('write the same part files as coding in the main thread', async () => {
    const batch = (batchIndex: number) => ({ runId: 'r', runDir, rowOptions, fileIndex: 0, batchIndex, posts: posts.slice(batchIndex * 100, batchIndex * 100 + 100) });
    const threaded = await Promise.all([0, 1, 2].map((i) => pool.code(batch(i))));
    const partFiles = (i: number) => Promise.all([runLayout.codedRows(runDir, 0, i), runLayout.codedEntries(runDir, 0, i)].map((path) => readFile(path)));
    const parts = await Promise.all([0, 1, 2].map(partFiles));
    const runs = new RunCoding();
    for (const i of [0, 1, 2]) {
      const local = await codeBatch({ ...batch(i), batchIndex: i + 10 }, runs);
      expect(local).toEqual(threaded[i]);
      const [rows, entries] = await partFiles(i + 10);
      expect(rows!.equals(parts[i]![0]!)).toBe(true);
      expect(entries!.equals(parts[i]![1]!)).toBe(true);
    }
    expect(threaded.reduce((n, r) => n + r.posts, 0)).toBe(300);
  }, 120_000);

  it('fail a batch whose part file cannot be written, and keep coding the next', async () => {
    await expect(pool.code({ runId: 'r', runDir: join(dir, 'gone'), rowOptions, fileIndex: 0, batchIndex: 0, posts: posts.slice(0, 5) })).rejects.toThrow();
    const next = await pool.code({ runId: 'r', runDir, rowOptions, fileIndex: 1, batchIndex: 0, posts: posts.slice(0, 5) });
    expect(next.posts).toBe(5);
  }, 120_000);
});
