/**
 * A cache keyed by a stretch of a text, looked up without cutting the stretch out: the stretch
 * is hashed where it stands (spanHashStep), and a stored key is compared with the text there.
 * Cutting out every word to hash it again for a Map was the largest cost of sentiment's tokens.
 * Open addressing over a power-of-two table; bounded:
 * when half full it starts afresh, which changes no result (values are pure functions of their key).
 */
export class SpanCache<V> {
  private keys: (string | undefined)[];
  private hashes: Int32Array;
  private values: (V | undefined)[];
  private size = 0;
  private readonly mask: number;

  /** @param capacity most keys kept; a power of two */
  constructor(private readonly capacity: number) {
    this.mask = capacity * 2 - 1;
    this.keys = new Array<string | undefined>(capacity * 2);
    this.hashes = new Int32Array(capacity * 2);
    this.values = new Array<V | undefined>(capacity * 2);
  }

  /** The value kept for text[start, end), whose hash is `hash`. */
  get(text: string, start: number, end: number, hash: number): V | undefined {
    const length = end - start;
    for (let slot = hash & this.mask; ; slot = (slot + 1) & this.mask) {
      const key = this.keys[slot];
      if (key === undefined) return undefined;
      if (this.hashes[slot] === hash && key.length === length && text.startsWith(key, start)) return this.values[slot];
    }
  }

  set(key: string, hash: number, value: V): void {
    if (this.size >= this.capacity) {
      this.keys = new Array<string | undefined>(this.capacity * 2);
      this.hashes.fill(0);
      this.values = new Array<V | undefined>(this.capacity * 2);
      this.size = 0;
    }
    let slot = hash & this.mask;
    while (this.keys[slot] !== undefined) slot = (slot + 1) & this.mask;
    this.keys[slot] = key;
    this.hashes[slot] = hash;
    this.values[slot] = value;
    this.size++;
  }
}

/**
 * The hash of a stretch of text: FNV-1a over its UTF-16 code units, from spanHashSeed one
 * spanHashStep per unit, built up by the scanner that reads the units anyway.
 */
export const spanHashSeed = 0x811c9dc5 | 0;
export function spanHashStep(hash: number, code: number): number {
  return Math.imul(hash ^ code, 0x01000193);
}
