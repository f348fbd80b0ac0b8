import { describe, expect, it } from 'vitest';
import { chooseKeptCopies, postKey } from '../../../src/aggregate/deduplicate.js';
import type { CodedPost, Post } from '../../../src/types/contracts.js';

const post = (id: string, likes: number | null, platform = 'facebook', collected_at: string | null = null): CodedPost => ({
  post: { platform, post_id: id, likes, comments: null, shares: null, reactions: null, collected_at } as Post,
  coding: { lang: 'en', lang_source: 'export', lang_status: 'coded', cta_any: false, categories: [], functions: [], evidence: [], targets: [], sentiment: { score: 0, comparative: 0, label: 'neutral', method: 'afinn-165-en' } },
});

async function* stream(posts: CodedPost[]) {
  yield* posts;
}

describe('chooseKeptCopies', () => {
  it('keeps the copy with most interactions, the first on a tie, per platform and id', async () => {
    const posts = [post('1', 5), post('2', null), post('1', 9), post('2', null), post('1', 9), post('1', 1, 'instagram')];
    const kept = await chooseKeptCopies(stream(posts));
    expect(kept.get(postKey(posts[0]!.post))).toBe(2);
    expect(kept.get(postKey(posts[1]!.post))).toBe(1);
    expect(kept.get(postKey(posts[5]!.post))).toBe(5);
    expect(kept.size).toBe(3);
  });

  it('prefers the later collected snapshot over more interactions', async () => {
    const posts = [post('1', 50, 'x', '2024-01-02T00:00:00Z'), post('1', 10, 'x', '2024-01-05T00:00:00Z'), post('1', 99, 'x', null)];
    expect((await chooseKeptCopies(stream(posts))).get(postKey(posts[0]!.post))).toBe(1);
  });
});
