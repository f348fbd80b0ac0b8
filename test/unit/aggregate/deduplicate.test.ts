import { describe, expect, it } from 'vitest';
import { KeptCopies, postKey, type Copy } from '../../../src/aggregate/deduplicate.js';

const post = (id: string, likes: number | null, platform = 'facebook', collected_at: string | null = null): Copy => ({
  key: postKey({ platform, post_id: id }),
  collectedAt: collected_at ?? '',
  engagement: likes ?? -1,
});

function kept(posts: Copy[]): number[] {
  const copies = new KeptCopies();
  for (const p of posts) copies.add(p);
  return [...copies.positions()];
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
