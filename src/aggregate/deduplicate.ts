import type { Post } from '../types/contracts.js';

export const postKey = (post: Pick<Post, 'platform' | 'post_id'>) => `${post.platform}\u0000${post.post_id}`;

/** One copy of a post, as deduplication sees it. */
export interface Copy {
  /** Platform and post id (postKey). */
  key: string;
  /** When the export tool collected it, ISO UTC; '' where unknown. */
  collectedAt: string;
  /** Interactions; -1 where unknown. */
  engagement: number;
}

/**
 * Which copy of each (platform, post_id) to keep: the latest collected (ISO strings in UTC sort by
 * time), else the one with most interactions, else the first in input order. Takes the copies in
 * input order and returns, per position, 1 for a kept copy and 0 for a duplicate. Memory: one map
 * entry per distinct post (a position, not an object) and two numbers per copy.
 */
export async function chooseKeptCopies(copies: AsyncIterable<Copy> | Iterable<Copy>): Promise<Uint8Array> {
  const best = new Map<string, number>();
  const collectedAt: string[] = [];
  const engagement: number[] = [];
  for await (const copy of copies) {
    const ordinal = engagement.length;
    collectedAt.push(copy.collectedAt);
    engagement.push(copy.engagement);
    const current = best.get(copy.key);
    if (current === undefined || isBetter(ordinal, current)) best.set(copy.key, ordinal);
  }
  function isBetter(candidate: number, current: number): boolean {
    if (collectedAt[candidate] !== collectedAt[current]) return collectedAt[candidate]! > collectedAt[current]!;
    return engagement[candidate]! > engagement[current]!;
  }
  const kept = new Uint8Array(engagement.length);
  for (const ordinal of best.values()) kept[ordinal] = 1;
  return kept;
}
