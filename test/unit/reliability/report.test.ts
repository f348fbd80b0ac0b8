import { describe, expect, it } from 'vitest';
import { codeColumns } from '../../../src/reliability/code-columns.js';
import { findDisagreements } from '../../../src/reliability/disagreements.js';
import type { ValidationPost } from '../../../src/reliability/load-validation-data.js';
import { reliabilityFigures } from '../../../src/reliability/reliability-figures.js';
import { reliabilityHtml } from '../../../src/reliability/reliability-html.js';
import { bootstrapMethod, referenceDescription, type ReliabilityReport } from '../../../src/reliability/reliability-report.js';
import { reliabilitySummary } from '../../../src/reliability/reliability-summary.js';
import { reliabilityRows } from '../../../src/reliability/reliability-table.js';
import type { Code } from '../../../src/reliability/reference-code.js';

const codes = codeColumns({
  id: 'mini',
  version: '1.0.0',
  description: 'A request.',
  categories: [{ id: 'vote', label: 'Vote', definition: 'Asked to vote.' }],
});
const _ = null;

/** A post with cta_any and cta_vote both as given: machine code, then per coder. */
function post(id: string, machine: Code, coders: (Code | null)[], gold: Code | null = null, evidence = ''): ValidationPost {
  return {
    key: id,
    platform: 'facebook',
    post_id: id,
    text: `<b>post ${id}</b>`,
    url: `https://facebook.com/${id}`,
    evidence,
    machine: [machine, machine],
    coders: coders.map((c) => [c, c]),
    gold: [gold, gold],
  };
}

describe('reliabilityFigures', () => {
  it('computes agreement among three coders (alpha; no Cohen kappa) and the machine against their majority', () => {
    const posts = [
      post('1', 1, [1, 1, 1]),
      post('2', 1, [1, 1, 0]),
      post('3', 0, [0, 0, 0]),
      post('4', 0, [1, 1, _]),
      post('5', 1, [0, _, _]),
      post('6', 0, [1, 0, _]),
    ];
    const [any] = reliabilityFigures(posts, codes, 3, { replicates: 200, seed: '1' });
    expect(any!.human.units).toBe(5);
    expect(any!.human.cohen_kappa).toBeNull();
    // Pairs: 3 + 1 + 3 + 1 + 0 agreeing of 3 + 3 + 3 + 1 + 1 = 8 / 11.
    expect(any!.human.percent_agreement.value).toBeCloseTo(8 / 11, 10);
    // Pairable values: 3 + 3 + 3 + 2 + 2 = 13 (n1 = 8, n0 = 5); disagreement sum 0 + 4/2 + 0 + 0 + 2/1 = 4
    // → alpha = 1 - 12 * 4 / (169 - 64 - 25) = 0.4.
    expect(any!.human.krippendorff_alpha.value).toBeCloseTo(0.4, 10);
    // Reference: 1, 1, 0, 1, 0, tie → 5 posts: TP 2, FP 1, FN 1, TN 1.
    expect(any!.machine).toMatchObject({ units: 5, no_reference: 1, tp: 2, fp: 1, fn: 1, tn: 1 });
    expect(any!.machine.precision.value).toBeCloseTo(2 / 3, 10);
  });

  it('uses gold codes over the majority and draws the same intervals from the same seed', () => {
    const posts = [post('1', 1, [1, 0], 1), post('2', 0, [1, 0], 0), post('3', 1, [1, 1]), post('4', 0, [0, 0]), post('5', 0, [1, 1], 0)];
    const first = reliabilityFigures(posts, codes, 2, { replicates: 300, seed: 'x' });
    expect(first[0]!.machine).toMatchObject({ units: 5, no_reference: 0, tp: 2, fp: 0, fn: 0, tn: 3 });
    expect(first[0]!.machine.recall.value).toBe(1);
    expect(first[0]!.human.cohen_kappa).not.toBeNull();
    expect(reliabilityFigures(posts, codes, 2, { replicates: 300, seed: 'x' })).toEqual(first);
  });
});

describe('findDisagreements', () => {
  it('lists coder splits, machine departures and adjudicated codes that change something, with the evidence of the code', () => {
    const evidence = 'vote/imperative: "Vote" [0-4] | share/imperative: "share" [9-14]';
    const posts = [post('1', 1, [1, 1]), post('2', 1, [1, 0], 0, evidence), post('3', 0, [1, 1]), post('4', 0, [0, 0], 0), post('5', 0, [0, 0], 1)];
    const rows = findDisagreements(posts, codes);
    expect(rows.filter((r) => r.code === 'cta_vote').map((r) => [r.post_id, r.disagreement, r.majority, r.gold, r.evidence])).toEqual([
      ['2', 'coders, gold', null, 0, 'vote/imperative: "Vote"'],
      ['3', 'machine', 1, null, ''],
      ['5', 'gold', 0, 1, ''],
    ]);
    expect(rows.find((r) => r.code === 'cta_any' && r.post_id === '2')!.evidence).toBe('vote/imperative: "Vote" | share/imperative: "share"');
  });
});

function report(): ReliabilityReport {
  const posts = [post('1', 1, [1, 1]), post('2', 1, [1, 0]), post('3', 0, [0, 0]), post('4', 0, [0, 1])];
  return {
    created_at: '2026-01-01T00:00:00Z',
    software: 'ctacode 0.1.0',
    run_id: 'run-<1>',
    codebook: { id: 'mini', version: '1.0.0', sha256: 'a'.repeat(64) },
    coders: [{ coder: 'coder-1', file: 'coder-1.csv', posts: 4 }, { coder: 'coder-2', file: 'coder-2.csv', posts: 4 }],
    gold: null,
    reference: referenceDescription(2, null),
    bootstrap: { replicates: 100, seed: '1', method: bootstrapMethod, level: 0.95 },
    posts: 4,
    sample: null,
    codes: reliabilityFigures(posts, codes, 2, { replicates: 100, seed: '1' }),
    disagreements: 2,
    warnings: ['sheet <x>.csv: something'],
  };
}

describe('reliability outputs', () => {
  it('has one tidy row per figure, counts without intervals', () => {
    const rows = reliabilityRows(report().codes);
    expect(rows.filter((r) => r.code === 'cta_any').map((r) => `${r.comparison}/${r.statistic}`)).toEqual([
      'human-human/percent_agreement', 'human-human/cohen_kappa', 'human-human/krippendorff_alpha',
      'machine-human/precision', 'machine-human/recall', 'machine-human/f1', 'machine-human/cohen_kappa', 'machine-human/krippendorff_alpha',
      'machine-human/tp', 'machine-human/fp', 'machine-human/fn', 'machine-human/tn',
    ]);
    expect(rows.find((r) => r.statistic === 'tp')).toMatchObject({ value: 1, ci_low: null, units: 2 });
  });

  it('writes a self-contained page with everything escaped', () => {
    const r = report();
    const posts = [post('2', 1, [1, 0])];
    const html = reliabilityHtml(r, findDisagreements(posts, codes));
    expect(html).toContain('run-&#60;1&#62;');
    expect(html).toContain('&#60;b&#62;post 2&#60;/b&#62;');
    expect(html).toContain('sheet &#60;x&#62;.csv');
    expect(html).not.toContain('<b>post');
    expect(html).not.toMatch(/<script|<link |src=/);
    expect(html).toContain('<a href="https://facebook.com/2">2</a>');
  });

  it('prints the headline figures for the terminal', () => {
    const text = reliabilitySummary(report());
    expect(text).toMatch(/^\s+code\s+posts 2\+ coders\s+alpha/);
    // Agreement 2/4 with balanced marginals: kappa 0; alpha = 1 - 7 * 4 / (64 - 16 - 16) = 0.125.
    expect(text).toMatch(/cta_any\s+4\s+0\.125\s+0\.000\s+2\s+1\.000/);
    expect(text).toContain('2 disagreement(s) to adjudicate');
  });

  it('describes what the machine is compared with', () => {
    expect(referenceDescription(1, null)).toBe('the single coder');
    expect(referenceDescription(3, 'gold.csv')).toBe('the adjudicated codes in gold.csv where given, otherwise the majority of 3 coders (posts they split evenly on are left out)');
  });
});
