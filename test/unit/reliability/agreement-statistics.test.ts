import { describe, expect, it } from 'vitest';
import { bootstrapEstimate, quantile } from '../../../src/reliability/bootstrap.js';
import { confusion, f1, precision, recall } from '../../../src/reliability/classification.js';
import { cohenKappa } from '../../../src/reliability/cohen-kappa.js';
import type { CodedUnit } from '../../../src/reliability/coded-unit.js';
import { krippendorffAlpha } from '../../../src/reliability/krippendorff-alpha.js';
import { percentAgreement } from '../../../src/reliability/percent-agreement.js';
import { seededRandom } from '../../../src/reliability/random.js';
import { majorityCode, referenceCode } from '../../../src/reliability/reference-code.js';

const _ = null;

/** Reliability data matrix (coders × units) as units (one array per unit). */
function byUnit(matrix: readonly (readonly (number | null)[])[]): CodedUnit[] {
  return matrix[0]!.map((_value, unit) => matrix.map((coder) => coder[unit]!));
}

/** A 2 × 2 table [[both yes, A yes B no], [A no B yes, both no]] as coded pairs. */
function pairsFromTable([[yy, yn], [ny, nn]]: [[number, number], [number, number]]): [number, number][] {
  return [
    ...Array.from({ length: yy }, (): [number, number] => [1, 1]),
    ...Array.from({ length: yn }, (): [number, number] => [1, 0]),
    ...Array.from({ length: ny }, (): [number, number] => [0, 1]),
    ...Array.from({ length: nn }, (): [number, number] => [0, 0]),
  ];
}

describe("Krippendorff's alpha (nominal)", () => {
  it("reproduces Krippendorff's (2011) 4 observers × 12 units example with missing values: 0.743", () => {
    // Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability, section C (nominal data,
    // any number of observers, missing data). Rows are observers A–D, columns units 1–12.
    const matrix = [
      [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],
      [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],
      [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],
      [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _],
    ];
    expect(krippendorffAlpha(byUnit(matrix))).toBeCloseTo(0.743, 3);
  });

  it("reproduces Krippendorff's (2011) binary example, two observers × 10 units: 0.095", () => {
    // Section A: alpha = 1 - (20 - 1) * 4 / (14 * 6) = 0.095.
    const matrix = [
      [0, 1, 0, 0, 0, 0, 0, 0, 1, 0],
      [1, 1, 1, 0, 0, 1, 0, 0, 0, 0],
    ];
    expect(krippendorffAlpha(byUnit(matrix))).toBeCloseTo(0.095, 3);
  });

  it('treats the number 1 and the text "1" as the same code', () => {
    expect(krippendorffAlpha([[1, '1'], [0, '0'], [1, 1]])).toBe(1);
  });

  it('is undefined (null) without variation or without pairable values, and 1 for perfect agreement', () => {
    expect(krippendorffAlpha([[0, 0], [0, 0]])).toBeNull();
    expect(krippendorffAlpha([[1, _], [_, 0]])).toBeNull();
    expect(krippendorffAlpha([])).toBeNull();
    expect(krippendorffAlpha([[1, 1], [0, 0], [1, _]])).toBe(1);
  });
});

describe("Cohen's kappa", () => {
  it('gives 0.4 for the classic 2 × 2 table 20/5/10/15 (p_o = 0.7, p_e = 0.5)', () => {
    // The grant-proposal example of the Wikipedia article "Cohen's kappa".
    expect(cohenKappa(pairsFromTable([[20, 5], [10, 15]]))).toBeCloseTo(0.4, 3);
  });

  it('gives 0.130 and 0.259 for two tables with the same 60% agreement but different marginals', () => {
    // Wikipedia "Cohen's kappa", section "Same percentages but different numbers":
    // 45/15/25/15 → 0.1304 and 25/35/5/35 → 0.2593.
    expect(cohenKappa(pairsFromTable([[45, 15], [25, 15]]))).toBeCloseTo(0.1304, 3);
    expect(cohenKappa(pairsFromTable([[25, 35], [5, 35]]))).toBeCloseTo(0.2593, 3);
  });

  it('leaves out units only one coder coded, and is undefined when both coders used one value throughout', () => {
    expect(cohenKappa([...pairsFromTable([[20, 5], [10, 15]]), [1, null], [null, 0]])).toBeCloseTo(0.4, 3);
    expect(cohenKappa([[0, 0], [0, 0]])).toBeNull();
    expect(cohenKappa([])).toBeNull();
  });
});

describe('percent agreement', () => {
  it('is the share of agreeing pairs of codes given to the same post', () => {
    expect(percentAgreement(pairsFromTable([[20, 5], [10, 15]]))).toBeCloseTo(0.7, 10);
    // Three coders: unit 1 has 3 agreeing pairs of 3, unit 2 one of 3, unit 3 one pair (one missing).
    expect(percentAgreement([[1, 1, 1], [1, 1, 0], [0, 0, _]])).toBeCloseTo(5 / 7, 10);
    expect(percentAgreement([[1, _]])).toBeNull();
  });
});

describe('precision, recall and F1', () => {
  it('counts machine codes against the reference', () => {
    const counts = confusion([[1, 1], [1, 1], [1, 0], [0, 1], [0, 0]]);
    expect(counts).toEqual({ tp: 2, fp: 1, fn: 1, tn: 1 });
    expect(precision(counts)).toBeCloseTo(2 / 3, 10);
    expect(recall(counts)).toBeCloseTo(2 / 3, 10);
    expect(f1(counts)).toBeCloseTo(2 / 3, 10);
  });

  it('is undefined, not 0 or 1, where there is nothing to measure', () => {
    const noPositives = confusion([[0, 0], [0, 0]]);
    expect([precision(noPositives), recall(noPositives), f1(noPositives)]).toEqual([null, null, null]);
    const machineSilent = confusion([[0, 1], [0, 0]]);
    expect([precision(machineSilent), recall(machineSilent), f1(machineSilent)]).toEqual([null, 0, 0]);
    const humansSilent = confusion([[1, 0], [0, 0]]);
    expect([precision(humansSilent), recall(humansSilent), f1(humansSilent)]).toEqual([0, null, 0]);
  });
});

describe('majority and reference codes', () => {
  it('takes the majority, leaves ties and uncoded posts without reference, and prefers gold', () => {
    expect(majorityCode([1, 1, 0])).toBe(1);
    expect(majorityCode([1, 0])).toBeNull();
    expect(majorityCode([null, null])).toBeNull();
    expect(majorityCode([0, null])).toBe(0);
    expect(referenceCode([1, 0], 0)).toBe(0);
    expect(referenceCode([1, 1], 0)).toBe(0);
    expect(referenceCode([1, 1], null)).toBe(1);
  });
});

describe('bootstrap', () => {
  it('interpolates quantiles like R (type 7)', () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([1, 2, 3, 4, 5], 0.025)).toBeCloseTo(1.1, 10);
  });

  it('is reproducible from its seed and brackets the estimate', () => {
    const units = byUnit([
      [0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 1, 1, 1, 0, 1],
      [1, 1, 1, 0, 0, 1, 0, 0, 0, 0, 1, 1, 1, 0, 1],
    ]);
    const a = bootstrapEstimate(units, krippendorffAlpha, 500, seededRandom('7'));
    const b = bootstrapEstimate(units, krippendorffAlpha, 500, seededRandom('7'));
    expect(a).toEqual(b);
    expect(a.ci_low!).toBeLessThan(a.value!);
    expect(a.ci_high!).toBeGreaterThan(a.value!);
    expect(a.replicates).toBeGreaterThan(400);
  });

  it('gives no interval for an undefined figure', () => {
    expect(bootstrapEstimate([[0, 0]], krippendorffAlpha, 100, seededRandom('1'))).toEqual({ value: null, ci_low: null, ci_high: null, replicates: 0 });
  });
});
