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
 * input order, one call each (a plain call: the aggregate adds a million copies, and an async
 * stream of them cost more than the choosing). Memory: one map entry per distinct post (a
 * position, not an object) and two values per copy.
 */
export class KeptCopies {
  private readonly best = new Map<string, number>();
  private readonly collectedAt: string[] = [];
  private readonly engagement: number[] = [];

  add(copy: Copy): void {
    const ordinal = this.engagement.length;
    this.collectedAt.push(copy.collectedAt);
    this.engagement.push(copy.engagement);
    const current = this.best.get(copy.key);
    if (current === undefined || this.isBetter(ordinal, current)) this.best.set(copy.key, ordinal);
  }

  /** Per position in input order: 1 for a kept copy, 0 for a duplicate. */
  positions(): Uint8Array {
    const kept = new Uint8Array(this.engagement.length);
    for (const ordinal of this.best.values()) kept[ordinal] = 1;
    return kept;
  }

  private isBetter(candidate: number, current: number): boolean {
    const { collectedAt, engagement } = this;
    if (collectedAt[candidate] !== collectedAt[current]) return collectedAt[candidate]! > collectedAt[current]!;
    return engagement[candidate]! > engagement[current]!;
  }
}
