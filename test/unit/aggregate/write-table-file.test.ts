import { createHash } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeTableFile } from '../../../src/aggregate/write-csv.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ctacode-table-file-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('a table file written piece by piece', () => {
  it('keeps text and bytes in the order they were written, however the text is gathered', async () => {
    const path = join(dir, 'out.csv');
    const expected: string[] = [];
    const digest = await writeTableFile(path, async (write) => {
      for (let i = 0; i < 20_000; i++) {
        // Lines of text, now and then a run of bytes (as the kept rows of coded_posts.csv are copied).
        const piece = i % 997 === 0 ? `bytes ${i} é\n` : `line ${i},"ä ""q"""\n`;
        expected.push(piece);
        await write(i % 997 === 0 ? Buffer.from(piece) : piece);
      }
    });
    const written = await readFile(path);
    expect(written.toString('utf8')).toBe(expected.join(''));
    expect(await readdir(dir)).toEqual(['out.csv']);
    // Hashed on the way out: the digest is the file's as it lies on disk.
    expect(digest).toEqual({ sha256: createHash('sha256').update(written).digest('hex'), bytes: written.length });
  });

  it('leaves no file in place when filling it fails', async () => {
    const path = join(dir, 'out.csv');
    await expect(
      writeTableFile(path, async (write) => {
        await write('header\n');
        throw new Error('reading a part failed');
      }),
    ).rejects.toThrow('reading a part failed');
    expect(await readdir(dir)).not.toContain('out.csv');
  });
});
