import { describe, expect, it } from 'vitest';
import { emptyShare, queueLine } from '../../../bench/coding-queue.js';

describe('bench readings of the code queue', () => {
  const readings = [0, 0, 3, 16, 0, 15, 16, 0].map((waiting, i) => ({ at: 1000 + 100 * i, waiting }));

  it('counts the empty readings of the given time only', () => {
    expect(emptyShare(readings, 1000, 1700)).toBe(4 / 8);
    // From the third reading to the seventh: one empty of five.
    expect(emptyShare(readings, 1200, 1600)).toBe(1 / 5);
    expect(emptyShare(readings, 5000, 6000)).toBeNull();
  });

  it('says the coders waited for work only where the queue was often empty', () => {
    expect(queueLine(1_000_000, 0.05)).toBe('1000000 posts: the code queue was empty in 5% of the readings while ingest queued batches (every 100 ms)');
    expect(queueLine(1_000_000, 0.5)).toContain('50% of the readings while ingest queued batches (every 100 ms): the coders waited for batches, ingest did not keep up');
    expect(queueLine(10_000, null)).toContain('done too soon');
  });
});
