import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { schemaValidator } from '../../src/runtime/schema-validator.js';
import type { Manifest } from '../../src/types/contracts.js';
import { crowdtangleCsv, crowdtangleHeader, crowdtangleRow, type CrowdtanglePost } from '../support/crowdtangle-csv.js';
import { createLogger } from '../../src/runtime/logger.js';
import { startWorkers } from '../../src/queue/start-workers.js';
import { createHarness, testRedisUrl, type Harness } from '../support/pipeline-harness.js';

const posts: CrowdtanglePost[] = [
  { page: 'Climate Now', handle: 'climatenow', pageId: '7533944086', postId: '1016000000000000001', created: '2023-03-02 18:04:11 EST', message: 'Sign the petition to stop the new coal mine!\nEvery name counts.', link: 'https://www.change.org/p/stop-the-mine' },
  { page: 'Climate Now', handle: 'climatenow', pageId: '7533944086', postId: '1016000000000000002', created: '2023-03-03 09:00:00 EST', message: 'We marched yesterday with 5,000 people. What a day.', likes: '12,345' },
  { page: 'City Party', handle: 'cityparty', pageId: '273864989376427', postId: '1016000000000000003', created: '2023-03-04 10:30:00 EST', message: "Election day is Sunday.\n\nGo vote, and bring a friend!" },
  { page: 'City Party', handle: 'cityparty', pageId: '273864989376427', postId: '1016000000000000004', created: '2023-03-05 11:00:00 EST', message: 'The petition reached 100k signatures this morning.' },
];

function rows(csv: string): Record<string, string>[] {
  return parse(csv, { columns: true, bom: true }) as Record<string, string>[];
}

describe('ctacode pipeline on a real Redis', () => {
  let harness: Harness;
  beforeEach(async () => {
    harness = await createHarness();
  });
  afterEach(async () => {
    await harness.dispose();
  });

  it('codes a CrowdTangle export with a BOM, multi-line messages and thousands separators end to end', async () => {
    const file = join(harness.dataDir, 'crowdtangle.csv');
    await writeFile(file, crowdtangleCsv(posts));
    harness.startWorkers();
    const result = await harness.run([file], { batchSize: 2 });
    expect(result.status).toBe('completed');

    const coded = rows(await readFile(join(result.runDir, 'coded_posts.csv'), 'utf8'));
    expect(coded.map((r) => r.post_id)).toEqual(posts.map((p) => p.postId));
    const [petition, narration, vote, statement] = coded;
    expect(petition).toMatchObject({ platform: 'facebook', account_handle: 'climatenow', cta_any: '1', cta_petition: '1', cta_fn_mobilisation: '1', created_at: '2023-03-02T23:04:11Z', source_row: '2' });
    expect(petition!.text).toBe('Sign the petition to stop the new coal mine!\nEvery name counts.');
    expect(petition!.cta_evidence).toContain('Sign the petition');
    expect(narration).toMatchObject({ cta_any: '0', likes: '12345', source_row: '4' });
    expect(vote).toMatchObject({ cta_vote: '1', cta_any: '1' });
    expect(statement).toMatchObject({ cta_any: '0', cta_petition: '0' });

    const manifest = JSON.parse(await readFile(join(result.runDir, 'manifest.json'), 'utf8')) as Manifest;
    expect(schemaValidator('manifest.schema.json')(manifest)).toEqual([]);
    expect(manifest.inputs[0]).toMatchObject({ file: 'crowdtangle.csv', format: 'crowdtangle-facebook', status: 'coded', rows_read: 4, rows_accepted: 4, rows_rejected: 0, rows_duplicate: 0 });
    expect(manifest.outputs.find((o) => o.file === 'coded_posts.csv')?.rows).toBe(4);

    const dictionary = rows(await readFile(join(result.runDir, 'data_dictionary.csv'), 'utf8'));
    for (const column of Object.keys(coded[0]!)) expect(dictionary.some((d) => d.file === 'coded_posts.csv' && d.column === column), column).toBe(true);
    expect(await readFile(join(result.runDir, 'codebook.yaml'), 'utf8')).toContain('cta-v1');
  });

  it('writes byte-identical coded_posts.csv with 1 and with 4 workers', async () => {
    const many: CrowdtanglePost[] = Array.from({ length: 60 }, (_, i) => ({ ...posts[i % posts.length]!, postId: `10160000000000${String(i).padStart(5, '0')}` }));
    const file = join(harness.dataDir, 'many.csv');
    await writeFile(file, crowdtangleCsv(many));

    const one = harness.startWorkers(1);
    const first = await harness.run([file], { batchSize: 3 });
    await Promise.all(one.map((w) => w.close()));
    harness.startWorkers(4, 2);
    const second = await harness.run([file], { batchSize: 3 });

    const a = await readFile(join(first.runDir, 'coded_posts.csv'));
    const b = await readFile(join(second.runDir, 'coded_posts.csv'));
    expect(rows(a.toString()).length).toBe(60);
    expect(b.equals(a)).toBe(true);
  });

  it('keeps a window of batches waiting for the coders: never more than maxWaitingBatches, refilled as they are coded', async () => {
    const many: CrowdtanglePost[] = Array.from({ length: 60 }, (_, i) => ({ ...posts[i % posts.length]!, postId: `20160000000000${String(i).padStart(5, '0')}` }));
    const file = join(harness.dataDir, 'window.csv');
    await writeFile(file, crowdtangleCsv(many));
    // Ingest and aggregate only: nothing codes, so the batches pile up to the window and no further.
    const ingest = startWorkers({ redisUrl: testRedisUrl, prefix: harness.prefix, stages: ['ingest', 'aggregate'], maxWaitingBatches: 4, log: createLogger() });
    try {
      const running = harness.run([file], { batchSize: 2 });
      const waiting: number[] = [];
      for (let i = 0; i < 40 && waiting.at(-1) !== 4; i++) {
        waiting.push(await harness.pipeline.code.getWaitingCount());
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      for (let i = 0; i < 10; i++) {
        await new Promise((resolve) => setTimeout(resolve, 25));
        waiting.push(await harness.pipeline.code.getWaitingCount());
      }
      expect(waiting.at(-1)).toBe(4);
      expect(Math.max(...waiting)).toBe(4);

      harness.startWorkers(1, 2);
      const result = await running;
      expect(result.status).toBe('completed');
      const coded = rows(await readFile(join(result.runDir, 'coded_posts.csv'), 'utf8'));
      expect(coded.map((r) => r.post_id)).toEqual(many.map((p) => p.postId));
    } finally {
      await ingest.close();
    }
  });

  it('codes a CSV file read in segments by the coding workers exactly as one read in one stream', async () => {
    // UTF-16 files are read in one stream by ingest; UTF-8 ones are cut into segments up to the
    // broken quote, and read in one stream from there: the outputs must not tell them apart.
    const row = (i: number, change: Partial<CrowdtanglePost> = {}) => crowdtangleRow({ ...posts[i % posts.length]!, postId: `30${String(i).padStart(4, '0')}`, ...change });
    const lines = [crowdtangleHeader.join(',')];
    for (let i = 0; i < 60; i++) {
      if (i % 7 === 3) lines.push(row(i, { created: 'not a date' }));
      else if (i % 11 === 5) lines.push('only,three,columns', '');
      else if (i === 41) lines.push(`${row(i)}"stray`);
      else lines.push(row(i % 13 === 0 ? 1 : i, i % 2 === 0 ? { message: `Line one\r\nline "two" with ""quotes"", vote! ${i}` } : {}));
    }
    const text = `${lines.join('\r\n')}\r\n`;
    const utf8 = join(harness.dataDir, 'utf8', 'export.csv');
    const utf16 = join(harness.dataDir, 'utf16', 'export.csv');
    await mkdir(dirname(utf8), { recursive: true });
    await mkdir(dirname(utf16), { recursive: true });
    await writeFile(utf8, text);
    await writeFile(utf16, Buffer.from(`\uFEFF${text}`, 'utf16le'));
    harness.startWorkers(1, 2);

    const [segmented, streamed] = [await harness.run([utf8], { batchSize: 4 }), await harness.run([utf16], { batchSize: 4 })];
    for (const name of ['coded_posts.csv', 'rejected_rows.csv']) {
      expect((await readFile(join(segmented.runDir, name), 'utf8')).replaceAll(utf8, '')).toBe((await readFile(join(streamed.runDir, name), 'utf8')).replaceAll(utf16, ''));
    }
    const inputs = async (runDir: string) => (JSON.parse(await readFile(join(runDir, 'manifest.json'), 'utf8')) as Manifest).inputs[0]!;
    const [a, b] = [await inputs(segmented.runDir), await inputs(streamed.runDir)];
    expect(a).toMatchObject({ rows_read: b.rows_read, rows_accepted: b.rows_accepted, rows_rejected: b.rows_rejected, rows_duplicate: b.rows_duplicate, encoding: 'utf-8' });
    expect(a.rows_read).toBe(a.rows_accepted + a.rows_rejected + a.rows_duplicate);
    expect(a.rows_rejected).toBeGreaterThan(10);
    expect(a.rows_duplicate).toBeGreaterThan(0);
  });

  it('keeps the same copies when deduplication takes several passes over the entries, as in runs of millions of posts', async () => {
    // Copies of one post in both files, with more likes or a later collection each time: the copy
    // kept depends on all of them. Both accounts link the petition, so that it is a shared target.
    const copy = (i: number, likes: number) => crowdtangleRow({ ...posts[i % posts.length]!, postId: `40${String(i % 23).padStart(4, '0')}`, likes: String(likes), link: 'https://www.change.org/p/stop-the-mine' });
    const write = async (name: string, from: number) => {
      const file = join(harness.dataDir, name);
      await writeFile(file, `${[crowdtangleHeader.join(','), ...Array.from({ length: 50 }, (_, i) => copy(from + i, (7 * (from + i)) % 31))].join('\n')}\n`);
      return file;
    };
    const files = [await write('a.csv', 0), await write('b.csv', 50)];
    harness.startWorkers();
    const outputs = async () => {
      const { runDir } = await harness.run(files, { batchSize: 8 });
      const manifest = JSON.parse(await readFile(join(runDir, 'manifest.json'), 'utf8')) as Manifest;
      const tables = await Promise.all(['coded_posts.csv', 'accounts.csv', 'alliances.csv', 'network_edges.csv'].map((name) => readFile(join(runDir, name), 'utf8')));
      return { tables: tables.map((t) => t.replaceAll(runDir, '')), inputs: manifest.inputs.map(({ rows_accepted, rows_duplicate }) => ({ rows_accepted, rows_duplicate })) };
    };
    const onePass = await outputs();
    const setting = process.env.CTACODE_DEDUP_SHARE_POSTS;
    process.env.CTACODE_DEDUP_SHARE_POSTS = '7';
    try {
      expect(await outputs()).toEqual(onePass);
    } finally {
      if (setting === undefined) delete process.env.CTACODE_DEDUP_SHARE_POSTS;
      else process.env.CTACODE_DEDUP_SHARE_POSTS = setting;
    }
    expect(rows(onePass.tables[0]!)).toHaveLength(23);
    expect(rows(onePass.tables[2]!).map((a) => [a.target, a.accounts])).toEqual([['https://www.change.org/p/stop-the-mine', '2']]);
    expect(onePass.inputs.reduce((n, i) => n + i.rows_duplicate, 0)).toBe(77);
  });

  it('puts broken rows in rejected_rows.csv with their line numbers and codes the rest', async () => {
    const good = (i: number) => crowdtangleRow({ ...posts[0]!, postId: `200${i}` });
    // posts[0]'s message spans two lines, so line numbers jump after every good row.
    const lines = [
      crowdtangleHeader.join(','),
      good(1), // lines 2-3
      'only,three,columns', // line 4
      crowdtangleRow({ ...posts[0]!, postId: '2002', created: 'yesterday at noon' }), // lines 5-6
      crowdtangleRow({ ...posts[0]!, postId: '2003', message: '' }), // line 7
      good(4), // lines 8-9
      crowdtangleRow({ ...posts[0]!, postId: '2001', likes: '5' }), // lines 10-11: duplicate of line 2 with fewer likes
    ];
    const file = join(harness.dataDir, 'broken.csv');
    await writeFile(file, `${lines.join('\n')}\n`);
    harness.startWorkers();
    const result = await harness.run([file]);
    expect(result.status).toBe('completed');

    const rejected = rows(await readFile(join(result.runDir, 'rejected_rows.csv'), 'utf8'));
    expect(rejected.map((r) => r.line)).toEqual(['4', '5', '7']);
    expect(rejected.every((r) => r.file === 'broken.csv' && Boolean(r.reason) && Boolean(r.raw))).toBe(true);
    expect(rejected[0]!.raw).toBe('only,three,columns');

    const coded = rows(await readFile(join(result.runDir, 'coded_posts.csv'), 'utf8'));
    expect(coded.map((r) => r.post_id)).toEqual(['2001', '2004']);
    expect(coded[0]!).toMatchObject({ likes: '1000', source_row: '2' });
    expect(coded[1]!.source_row).toBe('8');
    const manifest = JSON.parse(await readFile(join(result.runDir, 'manifest.json'), 'utf8')) as Manifest;
    const input = manifest.inputs[0]!;
    expect(input).toMatchObject({ rows_read: 6, rows_accepted: 2, rows_rejected: 3, rows_duplicate: 1 });
    expect(input.rows_read).toBe(input.rows_accepted + input.rows_rejected + input.rows_duplicate);
  });

  it('fails a file that is not an export, names it, and still codes the other files', async () => {
    const good = join(harness.dataDir, 'good.csv');
    const bad = join(harness.dataDir, 'notes.txt');
    const empty = join(harness.dataDir, 'empty.csv');
    await writeFile(good, crowdtangleCsv(posts.slice(0, 2)));
    await writeFile(bad, Buffer.from([0x00, 0xff, 0x13, 0x37, 0x00, 0x00, 0x89, 0x50]));
    await writeFile(empty, '');
    harness.startWorkers();
    const result = await harness.run([good, bad, empty]);
    expect(result.status).toBe('completed_with_errors');
    expect(result.message).toContain('notes.txt');
    expect(result.message).toContain('empty.csv');
    const manifest = JSON.parse(await readFile(join(result.runDir, 'manifest.json'), 'utf8')) as Manifest;
    expect(manifest.inputs.map((i) => i.status)).toEqual(['coded', 'failed', 'failed']);
    expect(rows(await readFile(join(result.runDir, 'coded_posts.csv'), 'utf8'))).toHaveLength(2);

    const alone = await harness.run([bad]);
    expect(alone.status).toBe('failed');
  });
});
