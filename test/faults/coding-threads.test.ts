import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultCodebook } from '../../src/codebook/default-codebook.js';
import { loadCodebook } from '../../src/codebook/load-codebook.js';
import { defaultRecovery } from '../../src/queue/worker-setting.js';
import { codingThreadHeapMb, startCodingThreads, type CodingThreads } from '../../src/queue/coding-threads.js';
import type { CodeJobData } from '../../src/queue/job-types.js';
import { startWorkers } from '../../src/queue/start-workers.js';
import { createLogger, type Logger } from '../../src/runtime/logger.js';
import { PartEntries } from '../../src/aggregate/coded-part.js';
import { partKey, placesOfParts } from '../../src/aggregate/part-log.js';
import { runLayout } from '../../src/runs/run-layout.js';
import { createHarness, testRedisUrl, type Harness } from '../support/pipeline-harness.js';
import { syntheticExport, waitUntil } from './support/fault-harness.js';

describe('coding threads', () => {
  let harness: Harness;
  let threads: CodingThreads | undefined;
  const log = createLogger();
  const setting = () => ({ redisUrl: testRedisUrl, prefix: harness.prefix, recovery: defaultRecovery });

  beforeEach(async () => {
    harness = await createHarness();
  });
  afterEach(async () => {
    await threads?.close();
    threads = undefined;
    await harness.dispose();
  });

  it('take batches from Redis on their own and write what this thread writes', async () => {
    const file = await syntheticExport(harness.dataDir, 300);
    // Ingest and aggregate here; every batch is coded by the two threads.
    const stages = startWorkers({ redisUrl: testRedisUrl, prefix: harness.prefix, stages: ['ingest', 'aggregate'], log });
    // Compiling the run's codebook as they start: the run's copy has the same bytes.
    threads = startCodingThreads(2, { warmCodebook: defaultCodebook });
    threads.run(setting(), log);
    const threaded = await harness.run([file], { batchSize: 50 });
    await threads.close();
    threads = undefined;
    await stages.close();

    harness.startWorkers(1, 1);
    const here = await harness.run([file], { batchSize: 50 });
    const csv = (runDir: string) => readFile(join(runDir, 'coded_posts.csv'));
    expect(threaded.status).toBe('completed');
    expect((await csv(threaded.runDir)).equals(await csv(here.runDir))).toBe(true);
  }, 120_000);

  it('are ended at once when closed while still starting, as after a run shorter than their start', async () => {
    const said: string[] = [];
    const listening = { error: (_: unknown, message: string) => said.push(message), warn: (_: unknown, message: string) => said.push(message) } as unknown as Logger;
    const starting = startCodingThreads(2, { warmCodebook: defaultCodebook });
    starting.run(setting(), listening);
    // Closed before a thread could have loaded its modules, let alone compiled the codebook and said 'ready'.
    await starting.close();
    expect(said).toEqual([]);
  }, 120_000);

  it('fail a batch whose coded part cannot be written, and keep coding the next', async () => {
    const runDir = join(harness.dataDir, 'run');
    await mkdir(runLayout.work(runDir), { recursive: true });
    await writeFile(runLayout.codebook(runDir), (await loadCodebook()).text);
    const batch = (dir: string, batchIndex: number): CodeJobData => ({
      runId: 'r',
      runDir: dir,
      rowOptions: { noText: false, pseudonymKeyFile: null },
      fileIndex: 0,
      batchIndex,
      posts: [],
    });
    threads = startCodingThreads(1);
    threads.run(setting(), log);
    const bad = await harness.pipeline.code.add('code', batch(join(harness.dataDir, 'gone'), 0), { attempts: 1 });
    const good = await harness.pipeline.code.add('code', batch(runDir, 1), { attempts: 1 });
    await waitUntil('both batches done', async () => {
      const states = await Promise.all([bad, good].map((job) => harness.pipeline.code.getJobState(job.id!)));
      return states[0] === 'failed' && states[1] === 'completed';
    });
    const places = placesOfParts(runDir);
    expect([...places.keys()]).toEqual([partKey(0, 1)]);
    const { path, entriesAt, entriesLength } = places.get(partKey(0, 1))!;
    expect(new PartEntries((await readFile(path)).subarray(entriesAt, entriesAt + entriesLength), 'batch 1').length).toBe(0);
  }, 120_000);

  it('say so when a thread runs out of its heap, and how to give it more', async () => {
    const said: string[] = [];
    const listening = { error: (_: unknown, message: string) => said.push(message), warn: () => undefined } as unknown as Logger;
    // 8 MB cannot hold the coding modules: the thread dies while it loads them.
    threads = startCodingThreads(1, { env: { CTACODE_CODING_THREAD_HEAP_MB: '8' } });
    threads.run(setting(), listening);
    await waitUntil('the out-of-memory report', async () => said.length > 0, 60_000);
    expect(said[0]).toMatch(/ran out of its 8 MB heap: set CTACODE_CODING_THREAD_HEAP_MB higher .* or run with --workers 1/);
  }, 120_000);

  it('keep what a thread said before they were told to run, and say it then', async () => {
    const said: string[] = [];
    const listening = { error: (_: unknown, message: string) => said.push(message), warn: (_: unknown, message: string) => said.push(message) } as unknown as Logger;
    // Started as `ctacode run` starts them, before there are queues or a log; 8 MB dies loading the modules.
    threads = startCodingThreads(1, { env: { CTACODE_CODING_THREAD_HEAP_MB: '8' } });
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(said).toEqual([]);
    threads.run(setting(), listening);
    expect(said[0]).toMatch(/ran out of its 8 MB heap/);
  }, 120_000);

  it('code nothing until told to run, then take the batches waiting', async () => {
    const runDir = join(harness.dataDir, 'run');
    await mkdir(runLayout.work(runDir), { recursive: true });
    await writeFile(runLayout.codebook(runDir), (await loadCodebook()).text);
    threads = startCodingThreads(1, { warmCodebook: defaultCodebook });
    const job = await harness.pipeline.code.add('code', { runId: 'r', runDir, rowOptions: { noText: false, pseudonymKeyFile: null }, fileIndex: 0, batchIndex: 0, posts: [] } satisfies CodeJobData);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(await harness.pipeline.code.getJobState(job.id!)).toBe('waiting');
    threads.run(setting(), log);
    await waitUntil('the batch coded', async () => (await harness.pipeline.code.getJobState(job.id!)) === 'completed');
  }, 120_000);

  it('take their heap size from CTACODE_CODING_THREAD_HEAP_MB, 256 MB unless it is a positive whole number', () => {
    expect(codingThreadHeapMb({})).toBe(256);
    expect(codingThreadHeapMb({ CTACODE_CODING_THREAD_HEAP_MB: '512' })).toBe(512);
    expect(codingThreadHeapMb({ CTACODE_CODING_THREAD_HEAP_MB: '0' })).toBe(256);
    expect(codingThreadHeapMb({ CTACODE_CODING_THREAD_HEAP_MB: '1.5' })).toBe(256);
    expect(codingThreadHeapMb({ CTACODE_CODING_THREAD_HEAP_MB: 'lots' })).toBe(256);
  });
});
