import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mergeRuns } from '../../src/aggregate/merge-runs.js';
import { loadCodebook } from '../../src/codebook/load-codebook.js';
import { compareRerun, planRerun, rerunCommand } from '../../src/cli/rerun-command.js';
import { schemaValidator } from '../../src/runtime/schema-validator.js';
import type { Manifest } from '../../src/types/contracts.js';
import { crowdtangleCsv } from '../support/crowdtangle-csv.js';
import { createHarness, type Harness } from '../support/pipeline-harness.js';
import { csvRows, facebookPosts, writeFixtureExports } from './outputs-fixture.js';

const readManifest = async (dir: string) => JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as Manifest;

describe('ctacode merge and ctacode rerun', () => {
  let harness: Harness;
  beforeEach(async () => {
    harness = await createHarness();
    harness.startWorkers();
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await harness.dispose();
  });

  it('merges runs into one deduplicated dataset, keeping the copy from the latest run, with its own manifest and dictionary', async () => {
    const older = join(harness.dataDir, 'week1.csv');
    const newer = join(harness.dataDir, 'week2.csv');
    await writeFile(older, crowdtangleCsv(facebookPosts.slice(0, 3)));
    // The second export has post 3 again with more likes, and two new posts.
    await writeFile(newer, crowdtangleCsv([{ ...facebookPosts[2]!, likes: '5,000' }, ...facebookPosts.slice(3)]));
    const first = await harness.run([older]);
    const second = await harness.run([newer]);
    const out = join(harness.dataDir, 'merged');
    const result = await mergeRuns({ runDirs: [second.runDir, first.runDir], outDir: out });
    expect(result).toMatchObject({ rows: 5, duplicates: 1 });

    const coded = csvRows(await readFile(join(out, 'coded_posts.csv')));
    expect(coded.map((r) => r.post_id)).toEqual(['1016000000000000001', '1016000000000000002', '1016000000000000003', '1016000000000000004', '1016000000000000005']);
    expect(coded.find((r) => r.post_id === '1016000000000000003')).toMatchObject({ likes: '5000', source_file: 'week2.csv' });
    const manifest = await readManifest(out);
    expect(schemaValidator('manifest.schema.json')(manifest)).toEqual([]);
    expect(manifest.merged_from!.map((m) => [m.run_id, m.rows, m.rows_kept])).toEqual([
      [first.runId, 3, 2],
      [second.runId, 3, 3],
    ]);
    expect(manifest.totals).toMatchObject({ rows_read: 6, rows_accepted: 5, rows_duplicate: 1 });
    const dictionary = csvRows(await readFile(join(out, 'data_dictionary.csv')));
    for (const file of ['coded_posts.csv', 'accounts.csv', 'periods.csv', 'alliances.csv', 'network_edges.csv']) {
      const header = Object.keys(csvRows(await readFile(join(out, file)))[0] ?? {});
      for (const column of header) expect(dictionary.some((d) => d.file === file && d.column === column), `${file} ${column}`).toBe(true);
      expect(manifest.outputs.find((o) => o.file === file)).toBeDefined();
    }
    const accounts = csvRows(await readFile(join(out, 'accounts.csv')));
    expect(accounts.find((a) => a.account_handle === 'cityparty')).toMatchObject({ posts: '2', cta_posts: '1' });
    const alliances = csvRows(await readFile(join(out, 'alliances.csv')));
    expect(alliances.map((a) => [a.target, a.accounts])).toEqual([['https://www.change.org/p/stop-the-mine', '2']]);
  });

  it('keeps the latest collected snapshot of a post over the latest run', async () => {
    const file = join(harness.dataDir, 'a.csv');
    await writeFile(file, crowdtangleCsv(facebookPosts.slice(0, 2)));
    const first = await harness.run([file]);
    const second = await harness.run([file]);
    // Say the older run's copy of post 1 was collected later than the newer run's.
    const edit = async (dir: string, collectedAt: string, likes: string) => {
      const rows = csvRows(await readFile(join(dir, 'coded_posts.csv')));
      rows[0]!.collected_at = collectedAt;
      rows[0]!.likes = likes;
      await writeFile(join(dir, 'coded_posts.csv'), stringify(rows, { header: true, record_delimiter: '\n' }));
    };
    await edit(first.runDir, '2023-05-01T00:00:00Z', '777');
    await edit(second.runDir, '2023-04-01T00:00:00Z', '1');
    const out = join(harness.dataDir, 'merged');
    await mergeRuns({ runDirs: [first.runDir, second.runDir], outDir: out });
    const coded = csvRows(await readFile(join(out, 'coded_posts.csv')));
    expect(coded.map((r) => [r.post_id, r.likes])).toEqual([
      ['1016000000000000001', '777'],
      ['1016000000000000002', '12345'],
    ]);
  });

  it('refuses runs coded with different codebook versions unless told to mix them', async () => {
    const file = join(harness.dataDir, 'a.csv');
    await writeFile(file, crowdtangleCsv(facebookPosts.slice(0, 2)));
    const first = await harness.run([file]);
    const text = (await loadCodebook()).text.replace(/^version: .*$/m, 'version: 9.9.9');
    const bumped = join(harness.dataDir, 'cta-v1.1.yaml');
    await writeFile(bumped, text);
    const second = await harness.run([file], { codebook: await loadCodebook(bumped) });
    const out = join(harness.dataDir, 'merged');
    await expect(mergeRuns({ runDirs: [first.runDir, second.runDir], outDir: out })).rejects.toThrow(/different codebooks \(cta-v1 2\.0\.0, cta-v1 9\.9\.9\).*--allow-mixed-codebooks/);
    const merged = await mergeRuns({ runDirs: [first.runDir, second.runDir], outDir: out, allowMixedCodebooks: true });
    expect(merged.rows).toBe(2);
    expect((await readManifest(out)).merged_from!.map((m) => m.codebook_version)).toEqual(['2.0.0', '9.9.9']);
  });

  it('reruns a run from its manifest and gets a byte-identical coded_posts.csv, with the same settings', async () => {
    const files = await writeFixtureExports(harness.dataDir);
    const original = await harness.run(files, { batchSize: 3, period: 'week', allianceWindowDays: 3 });
    const manifest = await readManifest(original.runDir);

    const plan = await planRerun(original.runDir, harness.dataDir);
    expect(plan.problems).toEqual([]);
    expect(plan.submit).toMatchObject({ files, batchSize: 3, period: 'week', allianceWindowDays: 3, excel: false, pseudonymise: false, noText: false });

    // The command itself, with its own workers, on this test's corner of Redis.
    vi.stubEnv('CTACODE_PREFIX', harness.prefix);
    const stdout: string[] = [];
    const stderr: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (stdout.push(String(chunk)), true));
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (stderr.push(String(chunk)), true));
    const code = await rerunCommand(original.runDir, { workers: 2 });
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
    expect(stderr.join('')).toContain('coded_posts.csv is identical');
    expect(code).toBe(0);
    const rerunDir = stdout.join('').trim().split('\n').pop()!;
    expect(rerunDir).not.toBe(original.runDir);
    const before = await readFile(join(original.runDir, 'coded_posts.csv'));
    const after = await readFile(join(rerunDir, 'coded_posts.csv'));
    expect(after.equals(before)).toBe(true);
    const again = await readManifest(rerunDir);
    expect(again.settings).toEqual(manifest.settings);
    // Every table, the network included, comes out the same.
    expect((await compareRerun(manifest, rerunDir)).differing).toEqual([]);
  });

  it('does not rerun when an input has changed, and names the file', async () => {
    const files = await writeFixtureExports(harness.dataDir);
    const original = await harness.run(files);
    await appendFile(files[1]!, 'twitter,1666000000000000999,someone,2023-03-10T08:15:00Z,"One more post",1,1,10\n');
    const plan = await planRerun(original.runDir, harness.dataDir);
    expect(plan.problems).toHaveLength(1);
    expect(plan.problems[0]).toMatch(/^input posts\.csv has changed since the run: .*posts\.csv \(sha256 was [0-9a-f]{64}, now [0-9a-f]{64}\)$/);
    const stderr: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (stderr.push(String(chunk)), true));
    expect(await rerunCommand(original.runDir, { workers: 1, data: harness.dataDir })).toBe(1);
    vi.restoreAllMocks();
    expect(stderr.join('')).toContain('posts.csv has changed');
  });
});
