import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from '../../src/types/contracts.js';
import { testRedisUrl } from '../support/pipeline-harness.js';
import { createFaultHarness, csvRows, logEntries, syntheticExport, waitUntil, type FaultHarness } from './support/fault-harness.js';

const posts = 6000;
const batchSize = 100;

describe('a worker process killed with SIGKILL in the middle of a run', () => {
  let h: FaultHarness;
  let file: string;
  let reference: Buffer;

  beforeAll(async () => {
    h = await createFaultHarness(testRedisUrl);
    file = await syntheticExport(h.dataDir, posts);
    // The reference: the same file coded without faults.
    const all = h.spawnWorker('src/service/worker-child.ts');
    const result = await h.run([file], { batchSize });
    expect(result.status, all.output()).toBe('completed');
    reference = await readFile(join(result.runDir, 'coded_posts.csv'));
    expect(csvRows(reference)).toHaveLength(posts);
    await all.kill('SIGTERM');
  }, 300_000);

  const stalledJobs = async (queue: string) => (await logEntries(h.dataDir)).filter((e) => e.queue === queue && String(e.msg).startsWith('job stalled')).map((e) => e.jobId);

  afterAll(async () => {
    await h?.dispose();
  });

  it('loses and duplicates no post when a coding worker dies mid-batch', async () => {
    const inProcess = h.startWorkers(['ingest', 'aggregate']);
    const doomed = h.spawnWorker('workers/code.ts');
    const runId = await h.submit([file], { batchSize });
    await waitUntil('some coded batches', async () => (await h.progress(runId)).codedBatches >= 5 && (await h.pipeline.code.getActiveCount()) > 0);
    await doomed.kill('SIGKILL');
    const survivor = h.spawnWorker('workers/code.ts');

    const result = await h.wait(runId);
    expect(result.status, survivor.output()).toBe('completed');
    const coded = await readFile(join(result.runDir, 'coded_posts.csv'));
    expect(coded.equals(reference)).toBe(true);
    const manifest = JSON.parse(await readFile(join(result.runDir, 'manifest.json'), 'utf8')) as Manifest;
    expect(manifest.inputs[0]).toMatchObject({ status: 'coded', rows_read: posts, rows_accepted: posts, rows_rejected: 0, rows_duplicate: 0 });
    // The killed worker's batch was taken up again through the stalled check, not lost.
    expect(await stalledJobs('code')).not.toHaveLength(0);
    expect(survivor.alive()).toBe(true);
    await survivor.kill('SIGTERM');
    await inProcess.close();
  }, 300_000);

  it('streams the file again with the same batches when the worker holding the ingest job dies', async () => {
    // Worker processes of `ctacode worker`: all three stages each.
    const doomed = h.spawnWorker('src/service/worker-child.ts');
    const runId = await h.submit([file], { batchSize });
    await waitUntil('ingest half-way through the file', async () => {
      const { queued } = await h.progress(runId);
      return queued >= 1000 && queued < posts - batchSize;
    });
    await doomed.kill('SIGKILL');
    const survivor = h.spawnWorker('src/service/worker-child.ts');

    const result = await h.wait(runId);
    expect(result.status, survivor.output()).toBe('completed');
    const coded = await readFile(join(result.runDir, 'coded_posts.csv'));
    expect(coded.equals(reference)).toBe(true);
    const manifest = JSON.parse(await readFile(join(result.runDir, 'manifest.json'), 'utf8')) as Manifest;
    expect(manifest.inputs[0]).toMatchObject({ status: 'coded', rows_read: posts, rows_accepted: posts, rows_duplicate: 0 });
    expect(await stalledJobs('ingest')).toContain(`${runId}-f0`);
    await survivor.kill('SIGTERM');
  }, 300_000);
});
