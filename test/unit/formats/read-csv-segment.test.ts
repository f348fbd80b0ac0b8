import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CsvSegmenter } from '../../../src/formats/csv-segments.js';
import { openExport, readCsvSegment } from '../../../src/formats/open-export.js';
import type { Post } from '../../../src/types/contracts.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ctacode-read-segment-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function postsOf(path: string, perSegment: number): Promise<Post[]> {
  const { layout } = await openExport(path);
  const segmenter = new CsvSegmenter(layout!.delimiter, perSegment);
  const segments = [...segmenter.push(await readFile(path)), ...segmenter.finish()];
  const posts: Post[] = [];
  for (const segment of segments) for await (const row of readCsvSegment(path, layout!, segment)) if (row.kind === 'post') posts.push(row.post);
  return posts;
}

describe('readCsvSegment', () => {
  it('keeps every multi-byte character whole in a segment decoded in several pieces', async () => {
    // Segments far above the 60 kB decoded at a time, whose two-, three- and four-byte characters
    // fall across the pieces' edges at every offset.
    const texts = [1, 2, 3].map((n) => `${'x'.repeat(n)}${'é€😀 '.repeat(30_000)}Vote ${n}!`);
    const path = join(dir, 'long.csv');
    await writeFile(path, `post_id,author,created_at,text\n${texts.map((t, i) => `${i + 1},a,2024-01-0${i + 1},"${t}"`).join('\n')}\n`);
    for (const perSegment of [1, 3]) expect((await postsOf(path, perSegment)).map((p) => p.text)).toEqual(texts);
  });
});
