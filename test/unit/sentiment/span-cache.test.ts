import { describe, expect, it } from 'vitest';
import { fnv1aSeed, fnv1aStep } from '../../../src/runtime/fnv1a.js';
import { SpanCache } from '../../../src/sentiment/span-cache.js';

function hashOf(text: string, start: number, end: number): number {
  let hash = fnv1aSeed;
  for (let i = start; i < end; i++) hash = fnv1aStep(hash, text.charCodeAt(i));
  return hash;
}

describe('span cache', () => {
  it('finds a stretch of a text by the key it was stored under, as the table grows', () => {
    const cache = new SpanCache<number>(1 << 14);
    const words = Array.from({ length: 5000 }, (_, i) => `w${i}`);
    words.forEach((word, i) => cache.set(word, hashOf(word, 0, word.length), i));
    const text = `say ${words[4321]} now`;
    expect(cache.get(text, 4, 9, hashOf(text, 4, 9))).toBe(4321);
    expect(words.every((word, i) => cache.get(word, 0, word.length, hashOf(word, 0, word.length)) === i)).toBe(true);
    expect(cache.get('w50000', 0, 6, hashOf('w50000', 0, 6))).toBeUndefined();
  });

  it('starts afresh at its capacity', () => {
    const cache = new SpanCache<number>(4);
    for (let i = 0; i < 4; i++) cache.set(`k${i}`, hashOf(`k${i}`, 0, 2), i);
    expect(cache.get('k3', 0, 2, hashOf('k3', 0, 2))).toBe(3);
    cache.set('k4', hashOf('k4', 0, 2), 4);
    expect(cache.get('k0', 0, 2, hashOf('k0', 0, 2))).toBeUndefined();
    expect(cache.get('k4', 0, 2, hashOf('k4', 0, 2))).toBe(4);
  });
});
