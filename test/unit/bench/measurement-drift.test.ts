import { describe, expect, it } from 'vitest';
import { floorDriftWarning, medianIndex, medianRound, spread, twoCoreFactorWarning } from '../../../bench/measurement-drift.js';

describe('bench drift warnings', () => {
  it('measures how far apart two timings are against the faster one, whichever came first', () => {
    expect(spread(10, 12)).toBeCloseTo(0.2);
    expect(spread(12, 10)).toBeCloseTo(0.2);
    expect(spread(7, 7)).toBe(0);
  });

  it('warns of a floor that moved by more than 15% during the run, naming both timings', () => {
    expect(floorDriftWarning(1_000_000, 21.31, 20.04)).toBeNull();
    const warning = floorDriftWarning(1_000_000, 17.14, 21.43);
    expect(warning).toContain('1000000 posts');
    expect(warning).toContain('17.14 s before the run and 21.43 s after it, 25% apart');
    expect(floorDriftWarning(100_000, 1.46, 1.14)).toContain('28% apart');
  });

  it('warns of a two-core factor above 2, which no machine of steady speed gives', () => {
    expect(twoCoreFactorWarning(1.96)).toBeNull();
    expect(twoCoreFactorWarning(2)).toBeNull();
    expect(twoCoreFactorWarning(2.39)).toContain('2.39 times');
  });

  it('finds the median, of an even number the higher of the middle two', () => {
    expect(medianIndex([3, 1, 2])).toBe(2);
    expect(medianIndex([5, 9])).toBe(1);
    expect(medianIndex([7])).toBe(0);
  });

  it('reports the round of the median ratio, each run against the floors either side of it', () => {
    // Floors 10, 12, 14 and 10 s: the runs of 22, 30 and 36 s read 2.0, 2.31 and 3.0.
    const { round, ratios } = medianRound([10, 12, 14, 10], [22, 30, 36]);
    expect(ratios.map((r) => Number(r.toFixed(2)))).toEqual([2, 2.31, 3]);
    expect(round).toBe(1);
    expect(medianRound([10, 10], [25])).toEqual({ round: 0, ratios: [2.5] });
    // Of two rounds, the higher ratio: a figure the machine did not flatter.
    expect(medianRound([10, 10, 10], [30, 20]).round).toBe(0);
    expect(() => medianRound([10], [20])).toThrow(/one more floor than runs/);
  });
});
