import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/runtime/logger.js';
import { cumulativeDir, rebuildCumulativeDataset } from '../../src/service/cumulative-dataset.js';
import type { Manifest } from '../../src/types/contracts.js';
import { crowdtangleCsv, type CrowdtanglePost } from '../support/crowdtangle-csv.js';
import { createHarness, type Harness } from '../support/pipeline-harness.js';

const post = (postId: string, message: string): CrowdtanglePost => ({
  page: 'Climate Now', handle: 'climatenow', pageId: '7533944086', postId, created: '2023-03-02 18:04:11 EST', message,
});

describe('the cumulative dataset the service keeps', () => {
  let harness: Harness;
  beforeEach(async () => {
    harness = await createHarness();
  });
  afterEach(async () => {
    await harness.dispose();
  });

  it('merges every coded run of the data folder into one deduplicated dataset, and leaves failed runs out', async () => {
    const first = join(harness.dataDir, 'first.csv');
    const second = join(harness.dataDir, 'second.csv');
    const broken = join(harness.dataDir, 'broken.csv');
    await writeFile(first, crowdtangleCsv([post('1001', 'Sign the petition!'), post('1002', 'We marched yesterday.')]));
    await writeFile(second, crowdtangleCsv([post('1002', 'We marched yesterday.'), post('1003', 'Go vote on Sunday!')]));
    await writeFile(broken, '');
    harness.startWorkers();
    for (const file of [first, second, broken]) await harness.run([file]);

    const log = createLogger();
    const result = await rebuildCumulativeDataset(join(harness.dataDir, 'runs'), harness.dataDir, log);
    expect(result?.outDir).toBe(cumulativeDir(harness.dataDir));
    const rows = parse(await readFile(join(cumulativeDir(harness.dataDir), 'coded_posts.csv')), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.post_id).sort()).toEqual(['1001', '1002', '1003']);
    const manifest = JSON.parse(await readFile(join(cumulativeDir(harness.dataDir), 'manifest.json'), 'utf8')) as Manifest;
    expect(manifest.merged_from).toHaveLength(2);

    // Rebuilt in place: no building or retired folders are left beside it.
    await rebuildCumulativeDataset(join(harness.dataDir, 'runs'), harness.dataDir, log);
    expect((await readdir(harness.dataDir)).filter((name) => name.startsWith('cumulative'))).toEqual(['cumulative']);
  });
});
