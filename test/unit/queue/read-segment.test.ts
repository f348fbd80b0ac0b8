import { mkdir, mkdtemp, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CsvSegmenter } from '../../../src/formats/csv-segments.js';
import { openExport } from '../../../src/formats/open-export.js';
import type { FileSegment } from '../../../src/queue/job-types.js';
import { readSegment } from '../../../src/queue/read-segment.js';
import { runLayout } from '../../../src/runs/run-layout.js';

const text = 'post_id,author,created_at,text\n1,a,2024-01-01,Vote today!\n2,b,yesterday,"Sign\nthe petition"\n3,c,2024-01-03,\n4,d,2024-01-04,Share this\n';

describe('readSegment', () => {
  let dir: string;
  let path: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ctacode-segment-'));
    path = join(dir, 'export.csv');
    await writeFile(path, text);
    await mkdir(runLayout.work(dir));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  async function segments(): Promise<FileSegment[]> {
    const { layout } = await openExport(path);
    const { size, mtimeMs } = await stat(path);
    const segmenter = new CsvSegmenter(layout!.delimiter, 2);
    return [...segmenter.push(Buffer.from(text)), ...segmenter.finish()].map((s) => ({ ...s, layout: layout!, file: { path, name: 'export.csv', size, mtimeMs } }));
  }

  it('reads the posts of a segment and keeps its rejected rows, with their lines, in its own part', async () => {
    const [, second] = await segments();
    const { posts, rowsRejected } = await readSegment(dir, 0, 1, second!);
    expect(posts.map((p) => [p.post_id, p.source.row])).toEqual([['4', 6]]);
    expect(rowsRejected).toBe(1);
    const rejected = (await readFile(runLayout.rejectedSegmentPart(dir, 0, 1), 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as { line: number; reason: string });
    expect(rejected).toMatchObject([{ line: 5, file: 'export.csv' }]);
  });

  it('refuses to read a file changed since it was cut into segments, saying so', async () => {
    const [first] = await segments();
    await utimes(path, new Date(), new Date(Date.now() + 5000));
    await expect(readSegment(dir, 0, 0, first!)).rejects.toThrow('export.csv: the file changed while it was being read');
  });

  it('fails a segment that no longer holds the records it was cut with', async () => {
    const [first] = await segments();
    await expect(readSegment(dir, 0, 0, { ...first!, records: 3 })).rejects.toThrow('held 2 records, not 3');
  });
});
