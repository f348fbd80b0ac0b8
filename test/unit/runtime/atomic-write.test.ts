import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileAtomicSync } from '../../../src/runtime/atomic-write.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ctacode-atomic-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('writeFileAtomicSync', () => {
  it('writes every byte, replaces what was there, and leaves no temporary file', async () => {
    const path = join(dir, 'kept.bin');
    const long = Buffer.from('é'.repeat(300_000));
    writeFileAtomicSync(path, long);
    expect((await readFile(path)).equals(long)).toBe(true);
    writeFileAtomicSync(path, Buffer.from('replaced'));
    expect(await readFile(path, 'utf8')).toBe('replaced');
    expect(await readdir(dir)).toEqual(['kept.bin']);
  });
});
