import { detached } from '../runtime/detached-string.js';

/**
 * What is computed once per distinct word (a token's kind and norm, its stem, its language scores,
 * the cues that can start at it) and looked up for every occurrence. Bounded: when full, it starts
 * afresh, so that millions of distinct words (names, typos) cannot exhaust memory; the values are
 * pure functions of the key, so forgetting them never changes a result. Keys are kept detached
 * (runtime/detached-string.ts); a value that holds a string of the post must be detached by the caller.
 */
export class WordCache<V> {
  private entries = new Map<string, V>();

  constructor(private readonly capacity: number) {}

  get(key: string): V | undefined {
    return this.entries.get(key);
  }

  set(key: string, value: V): void {
    if (this.entries.size >= this.capacity) this.entries = new Map();
    this.entries.set(detached(key), value);
  }
}
