import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDirectFile } from '../../../src/runtime/direct-file.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ctacode-direct-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Bytes that differ from position to position, so that a block written twice or out of place shows. */
const pattern = (length: number, seed: number) => Buffer.from(Array.from({ length }, (_, i) => (i * 31 + seed) & 255));

describe('createDirectFile', () => {
  // Around the 4 kB block and the 4 MB buffer, in pieces of several sizes.
  const lengths = [0, 1, 4095, 4096, 4097, (4 << 20) - 1, 4 << 20, (4 << 20) + 1, 9_000_000];
  for (const direct of [true, false]) {
    it(`writes exactly the bytes given, of any length, ${direct ? 'past the page cache where it can' : 'through the page cache'}`, async () => {
      for (const length of lengths) {
        const bytes = pattern(length, length);
        const path = join(dir, `${direct}-${length}.bin`);
        const file = await createDirectFile(path, { direct });
        for (let at = 0, piece = 1; at < length; at += piece, piece = (piece * 7) % 1_300_000 || 1) await file.write(bytes.subarray(at, at + piece));
        expect(await file.close()).toBe(length);
        expect((await readFile(path)).equals(bytes), `${length} bytes`).toBe(true);
      }
    });
  }

  it('keeps two files written at once apart, each with buffers of its own', async () => {
    const [a, b] = [pattern(5_000_000, 1), pattern(6_000_000, 2)];
    const files = await Promise.all(['a', 'b'].map((name) => createDirectFile(join(dir, `${name}.bin`))));
    for (let at = 0; at < 6_000_000; at += 700_000) {
      await files[0]!.write(a.subarray(at, at + 700_000));
      await files[1]!.write(b.subarray(at, at + 700_000));
    }
    await Promise.all(files.map((file) => file.close()));
    expect((await readFile(join(dir, 'a.bin'))).equals(a)).toBe(true);
    expect((await readFile(join(dir, 'b.bin'))).equals(b)).toBe(true);
  });

  it('closes an abandoned file without cutting it', async () => {
    const path = join(dir, 'abandoned.bin');
    const file = await createDirectFile(path);
    await file.write(pattern(5_000_000, 3));
    await file.abandon();
    // The first buffer went out whole; the rest was never written.
    expect((await readFile(path)).length).toBe(4 << 20);
  });

  it('says which file it could not write, and what to do when the disk is full', async () => {
    // /dev/full takes no bytes: every write fails as on a full disk.
    const file = await createDirectFile('/dev/full');
    await file.write(pattern(5_000_000, 4));
    await expect(file.close()).rejects.toThrow(/could not write \/dev\/full: ENOSPC.*free space on that disk and run the command again/);
  });
});
