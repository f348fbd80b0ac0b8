import { randomBytes } from 'node:crypto';
import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from '../../src/types/contracts.js';
import { crowdtangleCsv, crowdtangleRow } from '../support/crowdtangle-csv.js';
import { testRedisUrl } from '../support/pipeline-harness.js';
import { syntheticPosts } from '../../bench/synthetic-posts.js';
import { createFaultHarness, csvRows, sleep, syntheticExport, type FaultHarness, type WorkerProcess } from './support/fault-harness.js';

describe('files that are broken, empty, not exports, or still being written', () => {
  let h: FaultHarness;
  let worker: WorkerProcess;

  beforeAll(async () => {
    h = await createFaultHarness(testRedisUrl);
    worker = h.spawnWorker('src/service/worker-child.ts');
  });

  afterAll(async () => {
    await h?.dispose();
  });

  it('rejects or fails each with a reason, codes the good file, and the worker keeps running', async () => {
    const good = join(h.dataDir, 'good.csv');
    await writeFile(good, crowdtangleCsv([...syntheticPosts(50, 7)].map((post, i) => ({ ...post, postId: `8${String(i).padStart(18, '0')}` }))));

    // Cut in the middle of a row, as an interrupted download or copy leaves it.
    const whole = await readFile(await syntheticExport(h.dataDir, 400));
    const truncated = join(h.dataDir, 'truncated.csv');
    const cut = whole.indexOf('\n', Math.floor(whole.length * 0.6)) + 40;
    await writeFile(truncated, whole.subarray(0, cut));

    const random = join(h.dataDir, 'random.csv');
    await writeFile(random, randomBytes(64 * 1024));
    const empty = join(h.dataDir, 'empty.csv');
    await writeFile(empty, '');

    // Appended to, row by row, for as long as the run lasts.
    const growing = join(h.dataDir, 'growing.csv');
    await writeFile(growing, crowdtangleCsv([...syntheticPosts(3000, 3)]));
    let writing = true;
    const writer = (async () => {
      let i = 0;
      for (const post of syntheticPosts(1_000_000, 5)) {
        if (!writing) break;
        await appendFile(growing, `${crowdtangleRow({ ...post, postId: `9${String(i++).padStart(18, '0')}` })}\n`);
        await sleep(5);
      }
    })();

    const result = await h.run([good, truncated, random, empty, growing], { batchSize: 100 }).finally(() => (writing = false));
    await writer;
    expect(result.status, worker.output()).toBe('completed_with_errors');
    const manifest = JSON.parse(await readFile(join(result.runDir, 'manifest.json'), 'utf8')) as Manifest;
    const [goodIn, truncatedIn, randomIn, emptyIn, growingIn] = manifest.inputs;

    expect(goodIn).toMatchObject({ status: 'coded', rows_read: 50, rows_accepted: 50, rows_rejected: 0 });
    // The rows before the cut are coded, the cut row is rejected with its line number.
    expect(truncatedIn).toMatchObject({ status: 'coded' });
    expect(truncatedIn!.rows_rejected).toBeGreaterThanOrEqual(1);
    expect(truncatedIn!.rows_accepted).toBeGreaterThan(200);
    expect(truncatedIn!.rows_read).toBe(truncatedIn!.rows_accepted + truncatedIn!.rows_rejected + truncatedIn!.rows_duplicate);
    const rejected = csvRows(await readFile(join(result.runDir, 'rejected_rows.csv')));
    expect(rejected.filter((r) => r.file === 'truncated.csv').every((r) => Number(r.line) > 1 && r.reason)).toBe(true);

    expect(randomIn).toMatchObject({ status: 'failed', rows_accepted: 0 });
    expect(randomIn!.error).toMatch(/random\.csv/);
    expect(emptyIn).toMatchObject({ status: 'failed' });
    expect(emptyIn!.error).toMatch(/empty\.csv: the file is empty/);
    expect(growingIn).toMatchObject({ status: 'failed' });
    expect(growingIn!.error).toMatch(/growing\.csv: the file changed while it was being read/);

    const coded = csvRows(await readFile(join(result.runDir, 'coded_posts.csv')));
    expect(coded).toHaveLength(50 + truncatedIn!.rows_accepted);
    expect(coded.some((r) => r.source_file === 'growing.csv')).toBe(false);

    // The same worker process takes the next run.
    expect(worker.alive()).toBe(true);
    const next = await h.run([good]);
    expect(next.status).toBe('completed');
    expect(worker.alive()).toBe(true);
  }, 300_000);
});
