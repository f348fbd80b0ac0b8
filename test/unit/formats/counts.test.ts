import { describe, expect, it } from 'vitest';
import { parseCount, sumCounts, wholeCount } from '../../../src/formats/counts.js';

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

describe('wholeCount', () => {
  const plain = /^\d+$/;
  const commaGroups = /^\d{1,3}(?:,\d{3})+$/;

  it('reads what the expressions read, and only that', () => {
    // Random strings of digits and commas (a dot or a space now and then), short enough to hit every grouping.
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const alphabet = '0123456789,,,. ';
    const digitRun = (length: number) => Array.from({ length }, () => Math.floor(random() * 10)).join('');
    for (let n = 0; n < 20_000; n++) {
      let value = '';
      if (n % 2 === 0) {
        const length = Math.floor(random() * 18);
        for (let i = 0; i < length; i++) value += alphabet[Math.floor(random() * alphabet.length)];
      } else {
        // Groups of one to four digits after commas: mostly near-misses of CrowdTangle's counts.
        value = Array.from({ length: 1 + Math.floor(random() * 5) }, () => digitRun(1 + Math.floor(random() * 4))).join(',');
      }
      const digits = value.replaceAll(',', '');
      const expected = (plain.test(value) || commaGroups.test(value)) && digits.length <= 15 ? Number(digits) : -1;
      expect(wholeCount(value), JSON.stringify(value)).toBe(expected);
    }
  });

  it('leaves long numbers to Number(), which rounds them as it always did', () => {
    expect(wholeCount('1234567890123456')).toBe(-1);
    expect(parseCount('12345678901234567890')).toBe(Number('12345678901234567890'));
    expect(parseCount('007')).toBe(7);
    expect(wholeCount(',123')).toBe(-1);
    expect(wholeCount('1234,567')).toBe(-1);
    expect(wholeCount('1,23')).toBe(-1);
    expect(wholeCount('1,234,')).toBe(-1);
  });
});
