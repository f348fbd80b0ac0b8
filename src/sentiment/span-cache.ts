import { detached } from '../runtime/detached-string.js';

/**
 * A cache keyed by a stretch of a text, looked up without cutting the stretch out: the stretch
 * is hashed where it stands (fnv1aStep, runtime/fnv1a.ts), and a stored key is compared with the text there.
 * Cutting out every word to hash it again for a Map was the largest cost of sentiment's tokens.
 * Open addressing over a power-of-two table that starts small and doubles when half full, so that
 * a small vocabulary stays in a few cache lines rather than spread over the largest table (and
 * V8 keeps arrays created at 100,000 slots or more as slow dictionaries). Bounded: at `capacity`
 * keys it starts afresh, which changes no result (values are pure functions of their key). Keys
 * are kept detached (runtime/detached-string.ts); values that hold text must be detached by the caller.
 */
export class SpanCache<V> {
  private keys: (string | undefined)[] = [];
  private hashes = new Int32Array(0);
  private values: (V | undefined)[] = [];
  private size = 0;
  private mask = 0;

  /** @param capacity most keys kept; a power of two */
  constructor(private readonly capacity: number) {
    this.allocate(Math.min(initialSlots, capacity * 2));
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
    if (this.size >= this.capacity) this.allocate(this.keys.length);
    else if (this.size * 2 >= this.keys.length) this.grow();
    this.place(detached(key), hash, value);
  }

  private place(key: string, hash: number, value: V): void {
    let slot = hash & this.mask;
    while (this.keys[slot] !== undefined) slot = (slot + 1) & this.mask;
    this.keys[slot] = key;
    this.hashes[slot] = hash;
    this.values[slot] = value;
    this.size++;
  }

  /** Twice the slots, the kept keys placed anew. */
  private grow(): void {
    const { keys, hashes, values } = this;
    this.allocate(keys.length * 2);
    for (let slot = 0; slot < keys.length; slot++) {
      const key = keys[slot];
      if (key !== undefined) this.place(key, hashes[slot]!, values[slot]!);
    }
  }

  /** An empty table of `slots` slots. */
  private allocate(slots: number): void {
    // Filled one by one, so that V8 keeps the arrays' elements fast at any size.
    this.keys = [];
    this.values = [];
    for (let slot = 0; slot < slots; slot++) {
      this.keys.push(undefined);
      this.values.push(undefined);
    }
    this.hashes = new Int32Array(slots);
    this.mask = slots - 1;
    this.size = 0;
  }
}

/** Slots of a new table: a few thousand words' worth grows from here in a few doublings. */
const initialSlots = 1024;
