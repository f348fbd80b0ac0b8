import { describe, expect, it } from 'vitest';
import { dedupShares, isKept, KeptCopies, keptBits, postKey, shareOf, type Copy } from '../../../src/aggregate/deduplicate.js';
import { fnv1a } from '../../../src/runtime/fnv1a.js';

const post = (id: string, likes: number | null, platform = 'facebook', collected_at: string | null = null): Copy => ({
  key: postKey({ platform, post_id: id }),
  collectedAt: collected_at ?? '',
  engagement: likes ?? -1,
});

function kept(posts: Copy[], expectedPosts?: number): number[] {
  const positions = keptBits(posts.length);
  const copies = new KeptCopies(expectedPosts);
  posts.forEach((p, ordinal) => copies.add(p, ordinal, fnv1a(p.key)));
  copies.markKept(positions);
  return posts.map((_, ordinal) => (isKept(positions, ordinal) ? 1 : 0));
}

describe('KeptCopies', () => {
  it('keeps the copy with most interactions, the first on a tie, per platform and id', () => {
    const posts = [post('1', 5), post('2', null), post('1', 9), post('2', null), post('1', 9), post('1', 1, 'instagram')];
    expect(kept(posts)).toEqual([0, 1, 1, 0, 0, 1]);
  });

  it('prefers the later collected snapshot over more interactions', () => {
    const posts = [post('1', 50, 'x', '2024-01-02T00:00:00Z'), post('1', 10, 'x', '2024-01-05T00:00:00Z'), post('1', 99, 'x', null)];
    expect(kept(posts)).toEqual([0, 1, 0]);
  });
});

describe('KeptCopies at scale', () => {
  it('keeps exactly the copies a map of the keys keeps, over many posts and duplicates', () => {
    let seed = 7;
    const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const copies: Copy[] = [];
    for (let i = 0; i < 60_000; i++) {
      const id = String(Math.floor(random() * 40_000));
      const platform = random() < 0.5 ? 'facebook' : 'instagram';
      const collectedAt = random() < 0.7 ? '' : `2024-01-0${1 + Math.floor(random() * 9)}T00:00:00Z`;
      copies.push({ key: postKey({ platform, post_id: id }), collectedAt, engagement: Math.floor(random() * 5) - 1 });
    }
    const best = new Map<string, number>();
    copies.forEach((copy, i) => {
      const current = best.get(copy.key);
      const better = current === undefined || (copy.collectedAt !== copies[current]!.collectedAt ? copy.collectedAt > copies[current]!.collectedAt : copy.engagement > copies[current]!.engagement);
      if (better) best.set(copy.key, i);
    });
    const expected = new Array<number>(copies.length).fill(0);
    for (const i of best.values()) expected[i] = 1;
    // Grown from the default room, grown from a guess too small, and made room for at once.
    for (const expectedPosts of [undefined, 5_000, 100_000]) expect(kept(copies, expectedPosts)).toEqual(expected);
  });

  it('splits the keys between the passes by their hash, about evenly', () => {
    const counts = [0, 0, 0];
    for (let i = 0; i < 30_000; i++) counts[shareOf(fnv1a(postKey({ platform: 'facebook', post_id: String(1e15 + i) })), 3)]!++;
    for (const count of counts) expect(count).toBeGreaterThan(9_000);
    expect(shareOf(0, 3)).toBe(0);
    expect(shareOf(2 ** 32 - 1, 3)).toBe(2);
    expect([dedupShares(0, 1_000_000), dedupShares(1_000_000, 1_000_000), dedupShares(1_000_001, 1_000_000)]).toEqual([1, 1, 2]);
  });

  it('tells apart ids whose keys hash alike', () => {
    // FNV-1a gives "facebook\0" + 439599 and + 622382 the same 32-bit hash.
    expect(kept([post('439599', 1), post('622382', 1), post('622382', 2), post('439599', 0)])).toEqual([1, 0, 1, 0]);
  });

  it('tells apart ids that differ only in characters UTF-8 cannot spell', () => {
    const ids = ['a\ud800', 'a\udbff', 'a\ufffd', 'a', 'ä', '"a\\ud800"', 'a\ud800'];
    expect(kept(ids.map((id) => post(id, 1)))).toEqual([1, 1, 1, 1, 1, 1, 0]);
  });
});
