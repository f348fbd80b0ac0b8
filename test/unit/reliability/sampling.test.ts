import { describe, expect, it } from 'vitest';
import { allocate } from '../../../src/reliability/allocate.js';
import { drawSample } from '../../../src/reliability/draw-sample.js';
import { seededRandom, shuffled } from '../../../src/reliability/random.js';
import { describeDesign, type SampleDesign } from '../../../src/reliability/sample-design.js';
import { formStrata, stratumKey } from '../../../src/reliability/strata.js';

const range = (from: number, to: number) => Array.from({ length: to - from }, (_v, i) => from + i);

describe('seeded random numbers', () => {
  it('repeat for a seed, differ between seeds, and stay in [0, 1)', () => {
    const draw = (seed: string) => Array.from({ length: 5 }, seededRandom(seed).next);
    expect(draw('42')).toEqual(draw('42'));
    expect(draw('42')).not.toEqual(draw('43'));
    const values = Array.from({ length: 10_000 }, seededRandom('x').next);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    expect(values.reduce((a, b) => a + b, 0) / values.length).toBeCloseTo(0.5, 1);
  });

  it('shuffle without losing or adding items', () => {
    const items = range(0, 50);
    const mixed = shuffled(items, seededRandom('s'));
    expect(mixed).not.toEqual(items);
    expect([...mixed].sort((a, b) => a - b)).toEqual(items);
  });
});

describe('allocate', () => {
  it('gives every stratum the same number, and what a small stratum cannot fill to the others', () => {
    expect(allocate(300, [1000, 1000], 'equal', seededRandom('1'))).toEqual([150, 150]);
    expect(allocate(300, [40, 1000, 1000], 'equal', seededRandom('1'))).toEqual([40, 130, 130]);
    expect(allocate(10, [3, 3], 'equal', seededRandom('1'))).toEqual([3, 3]);
  });

  it('hands out the remainder of an even split at random, one post each', () => {
    const result = allocate(4, [10, 10, 10], 'equal', seededRandom('1'));
    expect(result.reduce((a, b) => a + b, 0)).toBe(4);
    expect(result.every((n) => n === 1 || n === 2)).toBe(true);
  });

  it('allocates in proportion with the largest remainders', () => {
    expect(allocate(10, [50, 30, 20], 'proportional', seededRandom('1'))).toEqual([5, 3, 2]);
    expect(allocate(10, [1, 1, 1, 997], 'proportional', seededRandom('1'))).toEqual([0, 0, 0, 10]);
    expect(allocate(7, [3, 3], 'proportional', seededRandom('1')).reduce((a, b) => a + b, 0)).toBe(6);
  });
});

describe('strata', () => {
  const fields = { platform: 'facebook', account_id: '17', account_handle: 'climatenow', cta_any: '1', cta_categories: 'vote;share' };

  it('keys posts by the chosen variable', () => {
    expect(stratumKey(fields, 'cta_any')).toBe('cta_any=1');
    expect(stratumKey(fields, 'platform')).toBe('platform=facebook');
    expect(stratumKey(fields, 'account')).toBe('account=climatenow');
    expect(stratumKey({ ...fields, account_handle: '' }, 'account')).toBe('account=17');
    expect(stratumKey(fields, 'none')).toBe('all');
  });

  it('puts a post with several categories into its rarest one', () => {
    const groups = new Map([
      ['vote;share', [0, 1]],
      ['share', [2, 3, 4]],
      ['vote', [5, 6, 7, 8]],
      ['', [9]],
    ]);
    // vote: 6 posts, share: 5 → "vote;share" goes to share.
    expect(formStrata(groups, 'category', ['vote', 'share'])).toEqual(new Map([
      ['category=none', [9]],
      ['category=share', [0, 1, 2, 3, 4]],
      ['category=vote', [5, 6, 7, 8]],
    ]));
  });
});

describe('drawSample', () => {
  const strata = new Map([
    ['cta_any=0', range(0, 900)],
    ['cta_any=1', range(900, 1000)],
  ]);

  it('is reproducible from its seed', () => {
    const options = { n: 100, coders: 2, overlap: 0.2, allocation: 'equal' as const };
    expect(drawSample(strata, options, seededRandom('9'))).toEqual(drawSample(strata, options, seededRandom('9')));
    expect(drawSample(strata, options, seededRandom('9')).posts).not.toEqual(drawSample(strata, options, seededRandom('10')).posts);
  });

  it('gives the overlap to every coder and splits the rest evenly, strata mixed alike', () => {
    const drawn = drawSample(strata, { n: 100, coders: 3, overlap: 0.2, allocation: 'equal' }, seededRandom('1'));
    expect(drawn.strata).toEqual([
      { stratum: 'cta_any=0', population: 900, sample: 50, overlap: 10 },
      { stratum: 'cta_any=1', population: 100, sample: 50, overlap: 10 },
    ]);
    const shared = drawn.posts.filter((p) => p.coders.length === 3);
    expect(shared).toHaveLength(20);
    expect(drawn.posts.filter((p) => p.coders.length === 1)).toHaveLength(80);
    expect(drawn.sheets.map((s) => s.length).sort()).toEqual([46, 47, 47]);
    for (const sheet of drawn.sheets) {
      for (const p of shared) expect(sheet).toContain(p.ordinal);
      const positives = sheet.filter((o) => o >= 900).length;
      expect(positives).toBeGreaterThanOrEqual(23);
      expect(positives).toBeLessThanOrEqual(24);
    }
    expect(new Set(drawn.posts.map((p) => p.ordinal)).size).toBe(100);
  });

  it('does not order a sheet by stratum, which would tell coders what the machine coded', () => {
    const drawn = drawSample(strata, { n: 100, coders: 1, overlap: 0.2, allocation: 'equal' }, seededRandom('1'));
    const sheet = drawn.sheets[0]!;
    expect(sheet).toHaveLength(100);
    expect(sheet.slice(0, 50).some((o) => o >= 900)).toBe(true);
    expect(sheet.slice(0, 50).some((o) => o < 900)).toBe(true);
    expect(drawn.posts.every((p) => p.coders.length === 1)).toBe(true);
  });

  it('draws the whole run when asked for more posts than it has', () => {
    const drawn = drawSample(new Map([['all', [0, 1, 2]]]), { n: 10, coders: 2, overlap: 1, allocation: 'equal' }, seededRandom('1'));
    expect(drawn.posts.map((p) => [p.ordinal, p.coders])).toEqual([[0, [0, 1]], [1, [0, 1]], [2, [0, 1]]]);
  });
});

describe('describeDesign', () => {
  it('says how the sample was drawn, with the seed to draw it again', () => {
    const design: SampleDesign = {
      created_at: '2026-01-01T00:00:00Z',
      software: 'ctacode 0.1.0',
      run_id: 'r1',
      codebook: { id: 'cta-v1', version: '1.0.0', sha256: 'abc' },
      seed: '42',
      n_requested: 300,
      n: 200,
      population: 200,
      excluded: { samples: ['practice/sample-design.json'], posts: 40 },
      stratify: 'cta_any',
      allocation: 'equal',
      overlap: { share: 0.2, posts: 40 },
      strata: [{ stratum: 'cta_any=0', population: 150, sample: 100, overlap: 20, inclusion_probability: 2 / 3, weight: 1.5 }],
      coders: [{ coder: 'coder-1', sheets: ['coder-1.csv', 'coder-1.xlsx'], posts: 120 }, { coder: 'coder-2', sheets: ['coder-2.csv', 'coder-2.xlsx'], posts: 120 }],
      posts: [],
    };
    const text = describeDesign(design);
    expect(text).toContain('200 of 200 posts were drawn at random (300 were asked for; the run has no more), stratified by cta_any with equal allocation.');
    expect(text).toContain('--seed 42');
    expect(text).toContain('40 posts of earlier samples (practice/sample-design.json) were not drawn again.');
    expect(text).toContain('40 posts (20% of the sample) are coded by both coders');
    expect(text).toMatch(/cta_any=0\s+150\s+100\s+20\s+0\.6667\s+1\.50/);
  });
});
