/**
 * JSON exports are streamed: a large file is read with memory bounded by an item, not the file.
 * 200,000 items (well over 100 MB of text each) are read while the heap is watched.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, describe, expect, it } from 'vitest';
import { openExport } from '../../../src/formats/open-export.js';

const ITEMS = 200_000;
const MB = 1024 * 1024;
/** Loose: the files are over 100 MB, and a reader that held them would pass this by far. */
const MAX_HEAP_GROWTH = 64 * MB;

// The heap is measured after a full collection: garbage not yet collected depends on the load of
// the machine, what a reader holds does not.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;
const retainedHeap = () => {
  collectGarbage();
  return process.memoryUsage().heapUsed;
};

const folder = await mkdtemp(join(tmpdir(), 'ctacode-json-stream-'));
afterAll(() => rm(folder, { recursive: true, force: true }));

async function writeLines(path: string, lines: (index: number) => string): Promise<number> {
  const out = createWriteStream(path);
  for (let i = 0; i < ITEMS; i++) {
    if (!out.write(lines(i))) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return (await stat(path)).size;
}

const filler = 'Join the march on Saturday and bring a friend, the more of us the better. '.repeat(6);

async function readWatchingHeap(path: string): Promise<{ format: string; posts: number; rejected: number; lastLine: number; growth: number; lastId: string }> {
  const opened = await openExport(path);
  const baseline = retainedHeap();
  let peak = baseline;
  let posts = 0;
  let rejected = 0;
  let lastLine = 0;
  let lastId = '';
  for await (const row of opened.rows) {
    if (row.kind === 'post') {
      posts++;
      lastId = row.post.post_id;
    } else rejected++;
    lastLine = row.line;
    if ((posts + rejected) % 20_000 === 0) peak = Math.max(peak, retainedHeap());
  }
  return { format: opened.format, posts, rejected, lastLine, growth: peak - baseline, lastId };
}

describe('streaming large JSON exports', () => {
  it('reads a 200k-line Zeeschuimer NDJSON file with bounded memory', { timeout: 180_000 }, async () => {
    const path = join(folder, 'big.ndjson');
    const bytes = await writeLines(path, (i) => `${JSON.stringify({ id: i, nav_index: `1:1:${i}`, item_id: `73012345678${String(i).padStart(8, '0')}`, timestamp_collected: 1700000000123 + i, source_platform: 'tiktok.com', data: { id: `73012345678${String(i).padStart(8, '0')}`, desc: `${filler} #${i}`, createTime: 1699900000 + i, author: { uniqueId: `user${i % 100}` }, stats: { diggCount: i, commentCount: 1, shareCount: 2, playCount: 3 } } })}\n`);
    expect(bytes).toBeGreaterThan(100 * MB);
    const result = await readWatchingHeap(path);
    expect(result).toMatchObject({ format: 'zeeschuimer-ndjson', posts: ITEMS, rejected: 0, lastLine: ITEMS, lastId: `73012345678${String(ITEMS - 1).padStart(8, '0')}` });
    expect(result.growth).toBeLessThan(MAX_HEAP_GROWTH);
  });

  it('reads a 200k-message Telegram result.json document with bounded memory', { timeout: 180_000 }, async () => {
    const path = join(folder, 'result.json');
    const head = '{\n "name": "Big Channel",\n "type": "public_channel",\n "id": 1387877165,\n "messages": [\n';
    const bytes = await writeLines(path, (i) => {
      const message = `  {\n   "id": ${i + 1},\n   "type": "message",\n   "date": "2022-05-26T00:44:15",\n   "date_unixtime": "${1653515055 + i}",\n   "from": "Big Channel",\n   "from_id": "channel1387877165",\n   "text": ${JSON.stringify(filler)},\n   "text_entities": [{"type": "plain", "text": ${JSON.stringify(filler)}}]\n  }`;
      return (i === 0 ? head : ',\n') + message + (i === ITEMS - 1 ? '\n ]\n}\n' : '');
    });
    expect(bytes).toBeGreaterThan(100 * MB);
    const result = await readWatchingHeap(path);
    // Each message takes 10 lines after the 5 of the head; the last starts on line 5 + 10 * (ITEMS - 1) + 1.
    expect(result).toMatchObject({ format: 'telegram-desktop', posts: ITEMS, rejected: 0, lastLine: 6 + 10 * (ITEMS - 1), lastId: `1387877165/${ITEMS}` });
    expect(result.growth).toBeLessThan(MAX_HEAP_GROWTH);
  });
});
