/**
 * What is computed once per distinct word (a token's kind and norm, its stem, its language scores,
 * the cues that can start at it) and looked up for every occurrence. Bounded: when full, it starts
 * afresh, so that millions of distinct words (names, typos) cannot exhaust memory; the values are
 * pure functions of the key, so forgetting them never changes a result.
 */
export class WordCache<V> {
  private entries = new Map<string, V>();

  constructor(private readonly capacity: number) {}

  get(key: string): V | undefined {
    return this.entries.get(key);
  }

  set(key: string, value: V): void {
    if (this.entries.size >= this.capacity) this.entries = new Map();
    this.entries.set(key, value);
  }
}
