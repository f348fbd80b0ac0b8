import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eld as original } from 'eld/small';
import { describe, expect, it } from 'vitest';
import { eld as compact, eldDatabase, smallDatabase } from '../../../src/coding/eld-compact.js';

const labelled = readFileSync(new URL('../../fixtures/labelled/cta-labelled.csv', import.meta.url), 'utf8');

/** Words of the six languages, and words of other scripts and odd spellings ELD must split or skip. */
function samples(): string[] {
  const words = new Set(labelled.split(/[\s,]+/u).filter((w) => w !== ''));
  for (const extra of ['Ελλάδα', 'Москва', 'ירושלים', 'القاهرة', '東京都', 'ภาษาไทย', 'हिन्दी', 'don’t', "l'école", 'Ａｂｃ', '𝐛𝐨𝐥𝐝', 'x'.repeat(90), 'ß', 'İstanbul', 'constructor', '__proto__', 'toString']) words.add(extra);
  return [...words];
}

describe('the compact ELD database', () => {
  it('gives exactly the scores of eld/small, word by word and for whole posts', () => {
    const texts = [...samples(), ...labelled.split('\n')];
    expect(texts.length).toBeGreaterThan(2000);
    const differing = texts.filter((text) => JSON.stringify(compact.detect(text).getScores()) !== JSON.stringify(original.detect(text).getScores()));
    expect(differing).toEqual([]);
  });

  it('has the languages and the 4-grams of eld/small, in a fraction of the memory', () => {
    expect(compact.info().Languages).toEqual(original.info().Languages);
    const { keys, starts, pairs } = eldDatabase.ngrams;
    expect(keys.length).toBeGreaterThan(80_000);
    expect(starts[keys.length]).toBe(pairs.length / 2);
    expect(keys.byteLength + starts.byteLength + pairs.byteLength).toBeLessThan(2_000_000);
    for (let i = 1; i < keys.length; i++) if (!(keys[i - 1]! < keys[i]!)) throw new Error(`keys not strictly sorted at ${i}`);
  });

  it('is kept once made, and made again where the kept copy is damaged', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ctacode-eld-'));
    try {
      const fresh = smallDatabase(null);
      expect(smallDatabase(dir)).toEqual(fresh);
      const [kept, ...others] = readdirSync(dir);
      expect(others).toEqual([]);
      expect(kept).toMatch(/^eld-small-[0-9a-f]{16}\.v8$/);
      expect(smallDatabase(dir)).toEqual(fresh);

      const bytes = readFileSync(join(dir, kept!));
      bytes[bytes.length >> 1]! ^= 0xff;
      writeFileSync(join(dir, kept!), bytes);
      expect(smallDatabase(dir)).toEqual(fresh);
      writeFileSync(join(dir, kept!), 'not a database');
      expect(smallDatabase(dir)).toEqual(fresh);
      // Made again, so the next process reads it.
      expect(readFileSync(join(dir, kept!)).length).toBe(bytes.length);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
