import { lengthened, withRoom } from '../runtime/grow-arrays.js';
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

const initialPosts = 1024;

/** String.prototype.isWellFormed: Node 20 has it, TypeScript's ES2023 library does not declare it. */
const isWellFormed = (text: string): boolean => (text as string & { isWellFormed(): boolean }).isWellFormed();

/**
 * Which copy of each (platform, post_id) to keep: the latest collected (ISO strings in UTC sort by
 * time), else the one with most interactions, else the first in input order. Takes the copies in
 * input order, one call each (a plain call: the aggregate adds a million copies, and an async
 * stream of them cost more than the choosing).
 *
 * Memory grows with distinct posts, so it is kept small: each key's bytes go into one buffer, and
 * an open-addressing table of typed arrays finds them by hash (FNV-1a); keys are compared byte for byte, so
 * two posts are never taken for one. Per distinct post that is about 40 bytes besides its key and
 * when its kept copy was collected; a Map of the keys took about 120 bytes per copy, the largest
 * share of the aggregate step's memory for a million posts. A larger run deduplicates in shares,
 * each over the keys of its share of the hashes (dedupShares, first-pass.ts).
 */
export class KeptCopies {
  private posts = 0;
  private keyBytes: Buffer = Buffer.allocUnsafe(1 << 20);
  private keyBytesUsed = 0;
  private keyStart: Uint32Array;
  private keyLength: Uint32Array;
  private keyHash: Uint32Array;
  private best: Uint32Array;
  private bestEngagement: Float64Array;
  private bestCollectedAt: string[] = [];
  /** Per slot: a post's index + 1, or 0 where empty. At most half full. */
  private slots: Uint32Array;

  /**
   * `expectedPosts`: how many distinct posts are likely, where the caller knows: room for them is
   * made at once, where growing step by step copied the arrays and placed every key again at each
   * doubling (about a tenth of the first pass over a million posts).
   */
  constructor(expectedPosts = initialPosts) {
    const posts = Math.max(initialPosts, expectedPosts);
    this.keyStart = new Uint32Array(posts);
    this.keyLength = new Uint32Array(posts);
    this.keyHash = new Uint32Array(posts);
    this.best = new Uint32Array(posts);
    this.bestEngagement = new Float64Array(posts);
    this.slots = new Uint32Array(2 ** Math.ceil(Math.log2(2 * posts)));
  }

  /**
   * `ordinal`: the copy's position in input order, larger than that of every copy added before (of
   * equal copies the first added is kept); `hash`: fnv1a of its key, which the caller has worked
   * out to pick the copy's share (first-pass.ts).
   */
  add(copy: Copy, ordinal: number, hash: number): void {
    const start = this.keyBytesUsed;
    const length = this.writeKey(copy.key, start);
    const mask = this.slots.length - 1;
    let slot = hash & mask;
    for (let at = this.slots[slot]!; at !== 0; at = this.slots[slot]!) {
      const post = at - 1;
      if (this.keyHash[post] === hash && this.sameKey(post, start, length)) {
        if (this.isBetter(copy, post)) this.keep(post, ordinal, copy);
        return;
      }
      slot = (slot + 1) & mask;
    }
    const post = this.posts++;
    if (post === this.best.length) this.growPosts();
    this.keyStart[post] = start;
    this.keyLength[post] = length;
    this.keyHash[post] = hash;
    this.keyBytesUsed = start + length;
    this.keep(post, ordinal, copy);
    this.slots[slot] = post + 1;
    if (2 * this.posts > this.slots.length) this.growSlots();
  }

  /** Sets the bit (keptBits) of each copy kept; duplicates' bits are left alone. */
  markKept(kept: Uint8Array): void {
    for (let post = 0; post < this.posts; post++) {
      const ordinal = this.best[post]!;
      kept[ordinal >>> 3]! |= 1 << (ordinal & 7);
    }
  }

  private keep(post: number, ordinal: number, copy: Copy): void {
    this.best[post] = ordinal;
    this.bestEngagement[post] = copy.engagement;
    this.bestCollectedAt[post] = copy.collectedAt;
  }

  private isBetter(candidate: Copy, post: number): boolean {
    const collectedAt = this.bestCollectedAt[post]!;
    if (candidate.collectedAt !== collectedAt) return candidate.collectedAt > collectedAt;
    return candidate.engagement > this.bestEngagement[post]!;
  }

  /**
   * Writes the key's bytes after the last key, and says how many. UTF-8 would turn every lone
   * surrogate into U+FFFD and so make different ids the same: such a key is written as the byte
   * 0xFF (never part of UTF-8) and its JSON, which spells lone surrogates out.
   */
  private writeKey(key: string, start: number): number {
    this.reserveKeyBytes(3 * key.length);
    const bytes = this.keyBytes;
    // Ids are ASCII almost always: copied a code unit at a time, which cost less than asking
    // Buffer.write (and isWellFormed) for every key of a run.
    let i = 0;
    for (; i < key.length; i++) {
      const code = key.charCodeAt(i);
      if (code >= 0x80) break;
      bytes[start + i] = code;
    }
    if (i === key.length) return i;
    if (isWellFormed(key)) return bytes.write(key, start, 'utf8');
    const spelled = JSON.stringify(key);
    this.reserveKeyBytes(1 + 3 * spelled.length);
    this.keyBytes[start] = 0xff;
    return 1 + this.keyBytes.write(spelled, start + 1, 'utf8');
  }

  private sameKey(post: number, start: number, length: number): boolean {
    if (this.keyLength[post] !== length) return false;
    const bytes = this.keyBytes;
    const other = this.keyStart[post]!;
    for (let i = 0; i < length; i++) if (bytes[other + i] !== bytes[start + i]) return false;
    return true;
  }

  private reserveKeyBytes(count: number): void {
    this.keyBytes = withRoom(this.keyBytes, this.keyBytesUsed, this.keyBytesUsed + count);
  }

  private growPosts(): void {
    const size = 2 * this.best.length;
    this.keyStart = lengthened(this.keyStart, size);
    this.keyLength = lengthened(this.keyLength, size);
    this.keyHash = lengthened(this.keyHash, size);
    this.best = lengthened(this.best, size);
    this.bestEngagement = lengthened(this.bestEngagement, size);
  }

  private growSlots(): void {
    const slots = new Uint32Array(2 * this.slots.length);
    const mask = slots.length - 1;
    for (let post = 0; post < this.posts; post++) {
      let slot = this.keyHash[post]! & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = post + 1;
    }
    this.slots = slots;
  }
}

/** One bit per copy in input order, set where the copy is kept (a bit, not a byte: the link thread gets a copy too). */
export const keptBits = (copies: number): Uint8Array => new Uint8Array(Math.ceil(copies / 8));

export const isKept = (kept: Uint8Array, ordinal: number): boolean => ((kept[ordinal >>> 3]! >>> (ordinal & 7)) & 1) === 1;

/**
 * Posts whose keys one share of deduplication holds at most (CTACODE_DEDUP_SHARE_POSTS, default
 * 1,000,000). A million keys took about 65 MB of typed arrays; a run of more posts is split into
 * a share per million by the keys' hashes (shareOf), deduplicated one share at a time
 * (first-pass.ts), so that this memory stays flat as runs grow.
 */
export function postsPerDedupShare(env: NodeJS.ProcessEnv): number {
  const value = Number(env.CTACODE_DEDUP_SHARE_POSTS);
  return Number.isInteger(value) && value > 0 ? value : 1_000_000;
}

export const dedupShares = (posts: number, postsPerShare: number): number => Math.max(1, Math.ceil(posts / postsPerShare));

/** The share of a hash (of a key, or of a target): by its high bits, since KeptCopies places keys by the low ones. */
export const shareOf = (hash: number, shares: number): number => Math.floor((hash * shares) / 2 ** 32);
