import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PartCopies } from '../../../src/aggregate/coded-part.js';
import { isKept, postKey } from '../../../src/aggregate/deduplicate.js';
import { keptAndShared } from '../../../src/aggregate/first-pass.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ctacode-first-pass-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Batches of `size` copies: many duplicates, some ids only lone surrogates tell apart, targets of one or several accounts. */
function batchesOf(posts: number, size: number): PartCopies[] {
  let seed = 11;
  const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const batches: PartCopies[] = [];
  for (let start = 0; start < posts; start += size) {
    const batch: PartCopies = { key: [], collectedAt: [], engagement: [], account: [], targetsUsed: [] };
    for (let i = start; i < Math.min(posts, start + size); i++) {
      const id = random() < 0.05 ? `x\ud800${Math.floor(random() * 50)}` : String(Math.floor(random() * 3_000));
      batch.key.push(postKey({ platform: random() < 0.5 ? 'facebook' : 'instagram', post_id: id }));
      batch.collectedAt.push(random() < 0.6 ? '' : `2024-01-0${1 + Math.floor(random() * 9)}T00:00:00Z`);
      batch.engagement.push(Math.floor(random() * 5) - 1);
      batch.account.push(`facebook\u0000${Math.floor(random() * 40)}`);
      const targets = random() < 0.3 ? [`#t${Math.floor(random() * 400)}`, ...(random() < 0.2 ? [`https://example.org/${Math.floor(random() * 2_000)}`] : [])] : [];
      batch.targetsUsed.push(targets);
    }
    batches.push(batch);
  }
  return batches;
}

async function* each(batches: PartCopies[]) {
  yield* batches;
}

/** What a Map of every key and every target gives. */
function reference(batches: PartCopies[]) {
  const copies = batches.flatMap((b) => b.key.map((key, i) => ({ key, collectedAt: b.collectedAt[i]!, engagement: b.engagement[i]!, account: b.account[i]!, targets: b.targetsUsed[i]! })));
  const best = new Map<string, number>();
  const users = new Map<string, Set<string>>();
  copies.forEach((copy, i) => {
    const current = best.get(copy.key);
    const better = current === undefined || (copy.collectedAt !== copies[current]!.collectedAt ? copy.collectedAt > copies[current]!.collectedAt : copy.engagement > copies[current]!.engagement);
    if (better) best.set(copy.key, i);
    for (const target of copy.targets) users.set(target, (users.get(target) ?? new Set()).add(copy.account));
  });
  const kept = copies.map(() => 0);
  for (const i of best.values()) kept[i] = 1;
  return { kept, shared: [...users].filter(([, accounts]) => accounts.size > 1).map(([target]) => target).sort() };
}

describe('the first pass: kept copies and shared targets, in one share or several', () => {
  const posts = 20_000;
  const batches = batchesOf(posts, 700);
  const expected = reference(batches);

  it.each([1_000_000, 10_000, 3_000, 997])('gives what one map of every key gives, with at most %i posts per share', async (postsPerShare) => {
    const spillPath = (share: number) => join(dir, `share-${postsPerShare}-${share}.bin`);
    const { kept, shared } = await keptAndShared(each(batches), posts, { postsPerShare, spillPath, where: 'the test batches' });
    expect(Array.from({ length: posts }, (_, i) => (isKept(kept, i) ? 1 : 0))).toEqual(expected.kept);
    expect(shared.sharedList().sort()).toEqual(expected.shared);
    expect(expected.shared.length).toBeGreaterThan(100);
    // The shares' files are gone.
    expect((await readdir(dir)).filter((name) => name.startsWith(`share-${postsPerShare}-`))).toEqual([]);
  });

  it('says so when the batches hold more or fewer posts than their files reported, and leaves no file behind', async () => {
    const settings = { postsPerShare: 3_000, spillPath: (share: number) => join(dir, `short-${share}.bin`), where: 'the test batches' };
    await expect(keptAndShared(each(batches), posts - 1, settings)).rejects.toThrow(`the test batches hold more posts than the ${posts - 1} their files reported; code the run again`);
    await expect(keptAndShared(each(batches), posts + 1, settings)).rejects.toThrow(`the test batches hold ${posts} posts where their files reported ${posts + 1}; code the run again`);
    expect((await readdir(dir)).filter((name) => name.startsWith('short-'))).toEqual([]);
  });
});
