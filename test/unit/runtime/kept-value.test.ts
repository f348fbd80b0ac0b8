import { mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { forgetOldest, keptValue } from '../../../src/runtime/kept-value.js';

const isList = (value: unknown): value is number[] => Array.isArray(value);

describe('keptValue', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ctacode-kept-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('makes a value once, reads it back after, and makes it again where the kept copy is damaged or not what is expected', () => {
    const path = join(dir, 'sub', 'value.v8');
    let made = 0;
    const make = () => {
      made++;
      return [1, 2, Number.POSITIVE_INFINITY];
    };
    expect(keptValue(path, make, isList)).toEqual([1, 2, Number.POSITIVE_INFINITY]);
    expect(keptValue(path, make, isList)).toEqual([1, 2, Number.POSITIVE_INFINITY]);
    expect(made).toBe(1);

    const bytes = readFileSync(path);
    bytes[0]! ^= 0xff;
    writeFileSync(path, bytes);
    expect(keptValue(path, make, isList)).toEqual([1, 2, Number.POSITIVE_INFINITY]);
    expect(made).toBe(2);
    expect(keptValue(path, () => [3], (value): value is number[] => isList(value) && value.length === 1)).toEqual([3]);
  });

  it('keeps nothing when making fails, and only costs the time where the folder cannot be written', () => {
    const path = join(dir, 'value.v8');
    expect(() => keptValue(path, () => { throw new Error('bad input'); }, isList)).toThrow('bad input');
    expect(readdirSync(dir)).toEqual([]);
    writeFileSync(join(dir, 'file'), '');
    expect(keptValue(join(dir, 'file', 'value.v8'), () => [4], isList)).toEqual([4]);
  });

  it('forgets all but the most recent files of a kind', () => {
    for (let i = 0; i < 5; i++) {
      writeFileSync(join(dir, `kept-${i}`), '');
      utimesSync(join(dir, `kept-${i}`), 1000 + i, 1000 + i);
    }
    writeFileSync(join(dir, 'other'), '');
    forgetOldest(dir, 'kept-', 2);
    expect(readdirSync(dir).sort()).toEqual(['kept-3', 'kept-4', 'other']);
    forgetOldest(join(dir, 'missing'), 'kept-', 2);
  });
});
