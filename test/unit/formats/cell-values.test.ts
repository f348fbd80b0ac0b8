import { describe, expect, it } from 'vitest';
import { idOrNull, parseBoolean, splitList, timestampCell } from '../../../src/formats/cell-values.js';
import { RowError } from '../../../src/formats/csv-format.js';
import { parseTimestamp } from '../../../src/formats/timestamps.js';

describe('idOrNull', () => {
  it('keeps ids as text, 19 digits and all', () => {
    expect(idOrNull(' 7400000000000000001 ', 'id')).toBe('7400000000000000001');
    expect(idOrNull('98358327274_10152537848242275', 'id')).toBe('98358327274_10152537848242275');
    // YouTube-style ids may hold an e and digits, never a +.
    expect(idOrNull('12e45678901', 'id')).toBe('12e45678901');
    expect(idOrNull('3e-4567890a', 'id')).toBe('3e-4567890a');
    expect(idOrNull('', 'id')).toBeNull();
  });

  it('rejects ids in scientific notation: their digits are lost', () => {
    for (const id of ['9.6378e+14', '1.6E+18', '7,4E+18', '1E+18']) {
      expect(() => idOrNull(id, 'id')).toThrow(RowError);
    }
    expect(() => idOrNull('9.6378e+14', 'post_owner.id')).toThrow(/^post_owner\.id: the id "9\.6378e\+14" is in scientific notation, so its last digits are lost/);
  });

  it('undoes a float conversion that kept every digit, and rejects one that cannot have', () => {
    expect(idOrNull('123456.0', 'id')).toBe('123456');
    expect(() => idOrNull('1040582731180622.0', 'id')).toThrow(/floating-point/);
  });
});

describe('small cell helpers', () => {
  it('reads booleans and lists', () => {
    expect([parseBoolean('True'), parseBoolean('no'), parseBoolean('maybe')]).toEqual([true, false, null]);
    expect(splitList('#A, #b|c', '#')).toEqual(['a', 'b', 'c']);
  });

  it('rejects an unreadable timestamp, naming the column, and gives null for an empty one', () => {
    expect(timestampCell('', 'created_at', parseTimestamp, 'ISO 8601')).toBeNull();
    expect(() => timestampCell('soon', 'created_at', parseTimestamp, 'ISO 8601')).toThrow('created_at: cannot read the date "soon" (expected ISO 8601)');
  });
});
