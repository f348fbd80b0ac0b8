import { describe, expect, it } from 'vitest';
import { FewCounts } from '../../../src/aggregate/few-counts.js';

describe('FewCounts', () => {
  it('counts each key, says 0 for a key never counted, and lists keys in the order first counted', () => {
    const counts = new FewCounts();
    expect(counts.get('vote')).toBe(0);
    expect([...counts.entries()]).toEqual([]);
    counts.countAll(['share', 'vote']);
    counts.countAll(['vote']);
    counts.countAll([]);
    counts.countAll(['donate', 'vote']);
    expect(counts.get('vote')).toBe(3);
    expect(counts.get('share')).toBe(1);
    expect(counts.get('petition')).toBe(0);
    expect([...counts.entries()]).toEqual([['share', 1], ['vote', 3], ['donate', 1]]);
  });

  it('keeps each tally to itself', () => {
    const a = new FewCounts();
    const b = new FewCounts();
    a.countAll(['vote']);
    expect(b.get('vote')).toBe(0);
    b.countAll(['vote', 'vote']);
    expect([a.get('vote'), b.get('vote')]).toEqual([1, 2]);
  });
});
