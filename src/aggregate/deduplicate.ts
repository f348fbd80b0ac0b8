import type { CodedPost } from '../types/contracts.js';
import { interactions } from './coded-post-columns.js';

export const postKey = (post: CodedPost['post']) => `${post.platform}\u0000${post.post_id}`;

interface Copy {
  ordinal: number;
  collectedAt: string;
  engagement: number;
}

/** A later snapshot of a post wins (ISO strings in UTC sort by time); without collection times, more interactions. */
function isBetter(candidate: Copy, current: Copy): boolean {
  if (candidate.collectedAt !== current.collectedAt) return candidate.collectedAt > current.collectedAt;
  return candidate.engagement > current.engagement;
}

/**
 * Which copy of each (platform, post_id) to keep: the latest collected, else the one with most
 * interactions, else the first in input order. Returns the ordinal (position in input order) of
 * each kept copy.
 */
export async function chooseKeptCopies(posts: AsyncIterable<CodedPost>): Promise<Map<string, number>> {
  const best = new Map<string, Copy>();
  let ordinal = 0;
  for await (const { post } of posts) {
    const key = postKey(post);
    const copy = { ordinal: ordinal++, collectedAt: post.collected_at ?? '', engagement: interactions(post) ?? -1 };
    const current = best.get(key);
    if (!current || isBetter(copy, current)) best.set(key, copy);
  }
  return new Map([...best].map(([key, copy]) => [key, copy.ordinal]));
}
