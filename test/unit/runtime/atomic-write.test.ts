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
  it('writes pieces one after another, as the file they join into, and leaves no temporary file', async () => {
    const path = join(dir, 'entries.jsonl');
    const long = 'é'.repeat(300_000);
    writeFileAtomicSync(path, ['{"a":1}', '\n', Buffer.from(long), '\n', '']);
    expect(await readFile(path, 'utf8')).toBe(`{"a":1}\n${long}\n`);
    writeFileAtomicSync(path, 'replaced');
    expect(await readFile(path, 'utf8')).toBe('replaced');
    expect(await readdir(dir)).toEqual(['entries.jsonl']);
  });
});
