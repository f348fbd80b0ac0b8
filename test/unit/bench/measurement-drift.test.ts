import { describe, expect, it } from 'vitest';
import { floorDriftWarning, spread, twoCoreFactorWarning } from '../../../bench/measurement-drift.js';

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
});
