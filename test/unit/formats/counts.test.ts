import { describe, expect, it } from 'vitest';
import { parseCount, sumCounts } from '../../../src/formats/counts.js';

describe('parseCount', () => {
  it('reads plain and grouped numbers', () => {
    expect(parseCount('0')).toBe(0);
    expect(parseCount('1803')).toBe(1803);
    expect(parseCount(' 42 ')).toBe(42);
    expect(parseCount('1,234')).toBe(1234);
    expect(parseCount('1,204,331')).toBe(1204331);
    expect(parseCount('1.234')).toBe(1234);
    expect(parseCount('1.234.567')).toBe(1234567);
    expect(parseCount('1 234')).toBe(1234);
    expect(parseCount('1\u00a0234')).toBe(1234);
    expect(parseCount("1'234")).toBe(1234);
    expect(parseCount('8.57')).toBe(8.57);
    expect(parseCount('1,234.5')).toBe(1234.5);
    expect(parseCount('1234.0')).toBe(1234);
  });

  it('reads abbreviated and scientific numbers', () => {
    expect(parseCount('1.2K')).toBe(1200);
    expect(parseCount('3M')).toBe(3_000_000);
    expect(parseCount('2,5k')).toBe(2500);
    expect(parseCount('9.6378e+14')).toBe(963_780_000_000_000);
  });

  it('gives null, never 0, where the export has no count', () => {
    for (const value of ['', '   ', 'N/A', 'NA', '-', '--', 'null', 'nan', 'None', '-1', 'abc', '12abc', '1e999']) {
      expect(parseCount(value), JSON.stringify(value)).toBeNull();
    }
  });
});

describe('sumCounts', () => {
  it('adds the counts that are present and is null when none is', () => {
    expect(sumCounts([1, null, 2])).toBe(3);
    expect(sumCounts([0, null])).toBe(0);
    expect(sumCounts([null, null])).toBeNull();
    expect(sumCounts([])).toBeNull();
  });
});
