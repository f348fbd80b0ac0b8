import { access, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crowdtangleHeader, crowdtangleRow } from '../support/crowdtangle-csv.js';
import { testRedisUrl } from '../support/pipeline-harness.js';
import { createFaultHarness, csvRows, runOutputs, syntheticExport, waitUntil, type FaultHarness } from './support/fault-harness.js';

const posts = 6000;
const batchSize = 200;
const exists = (path: string) => access(path).then(() => true, () => false);
const linkThreadSetting = process.env.CTACODE_LINK_THREAD_MIN_ROWS;

describe('the aggregate step crashing after writing part of its files', () => {
  let h: FaultHarness;
  let file: string;
  let broken: string;
  let reference: Awaited<ReturnType<typeof runOutputs>>;

  beforeAll(async () => {
    h = await createFaultHarness(testRedisUrl);
    file = await syntheticExport(h.dataDir, posts);
    // A few broken rows, so that rejected_rows.csv has content to compare too.
    broken = join(h.dataDir, 'broken.csv');
    const good = { page: 'City Party', handle: 'cityparty', pageId: '273864989376427', postId: '1016000000000099999', created: '2023-03-04 10:30:00 EST', message: 'Go vote on Sunday!' };
    await writeFile(broken, `${crowdtangleHeader.join(',')}\nonly,three,columns\n${crowdtangleRow(good)}\n`);
    h.startWorkers(['ingest', 'code']);
    const aggregator = h.spawnWorker('workers/aggregate.ts');
    const result = await h.run([file, broken], { batchSize });
    expect(result.status, aggregator.output()).toBe('completed');
    reference = await runOutputs(result.runDir);
    expect(csvRows(reference.files.get('coded_posts.csv')!)).toHaveLength(posts + 1);
    expect(csvRows(reference.files.get('rejected_rows.csv')!)).toHaveLength(1);
    await aggregator.kill('SIGTERM');
    // The reference was written with the link tables built in the main thread (a small run); the
    // aggregate workers below build them in a thread of their own, as for large runs.
    process.env.CTACODE_LINK_THREAD_MIN_ROWS = '0';
  }, 300_000);

  afterAll(async () => {
    if (linkThreadSetting === undefined) delete process.env.CTACODE_LINK_THREAD_MIN_ROWS;
    else process.env.CTACODE_LINK_THREAD_MIN_ROWS = linkThreadSetting;
    await h?.dispose();
  });

  const expectSameOutputs = async (runDir: string) => {
    const outputs = await runOutputs(runDir);
    expect(outputs.leftovers).toEqual([]);
    expect([...outputs.files.keys()]).toEqual([...reference.files.keys()]);
    for (const [name, content] of reference.files) expect(outputs.files.get(name)!.equals(content), name).toBe(true);
    expect(outputs.manifest).toEqual(reference.manifest);
  };

  it('a process killed while it writes the tables: the retry writes complete, identical files', async () => {
    const doomed = h.spawnWorker('workers/aggregate.ts');
    const runId = await h.submit([file, broken], { batchSize });
    const runDir = join(h.dataDir, 'runs', runId);
    await waitUntil('the aggregate step writing its files', async () => (await readdir(runDir)).some((name) => name.endsWith('.partial')), 240_000, 5);
    await doomed.kill('SIGKILL');
    expect(await exists(join(runDir, 'manifest.json'))).toBe(false);
    const survivor = h.spawnWorker('workers/aggregate.ts');

    const result = await h.wait(runId);
    expect(result.status, survivor.output()).toBe('completed');
    await expectSameOutputs(result.runDir);
    await survivor.kill('SIGTERM');
  }, 300_000);

  it('a failure on the first attempt after coded_posts.csv is written: the retry writes complete, identical files', async () => {
    const aggregator = h.spawnWorker('workers/aggregate.ts');
    const runId = await h.submit([file, broken], { batchSize });
    const runDir = join(h.dataDir, 'runs', runId);
    // A folder where rejected_rows.csv goes makes its rename fail: coded_posts.csv and the derived tables are written by then.
    const obstacle = join(runDir, 'rejected_rows.csv');
    await mkdir(obstacle, { recursive: true });
    await waitUntil('the first attempt to fail', async () => ((await h.pipeline.aggregate.getJob(runId))?.attemptsMade ?? 0) >= 1, 240_000);
    expect(await exists(join(runDir, 'coded_posts.csv'))).toBe(true);
    expect(await exists(join(runDir, 'manifest.json'))).toBe(false);
    await rm(obstacle, { recursive: true });

    const result = await h.wait(runId);
    expect(result.status, aggregator.output()).toBe('completed');
    await expectSameOutputs(result.runDir);
    await aggregator.kill('SIGTERM');
  }, 300_000);
});
