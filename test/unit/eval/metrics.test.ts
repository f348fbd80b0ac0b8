import { describe, expect, it } from 'vitest';
import { averages, emptyCounts, f1, multiclassScores, precision, recall, scores, sumCounts, tally } from '../../../src/eval/metrics.js';

describe('binary figures', () => {
  // tp 3, fp 1, fn 2, tn 4: precision 3/4, recall 3/5, F1 = 2·3 / (2·3 + 1 + 2) = 6/9
  const counts = { tp: 3, fp: 1, fn: 2, tn: 4 };

  it('computes precision, recall, F1 and support by hand', () => {
    expect(precision(counts)).toBe(0.75);
    expect(recall(counts)).toBe(0.6);
    expect(f1(counts)).toBeCloseTo(2 / 3, 12);
    expect(scores(counts)).toMatchObject({ ...counts, support: 5 });
  });

  it('leaves 0/0 figures null, and gives 0 where one side has positives', () => {
    const none = { tp: 0, fp: 0, fn: 0, tn: 9 };
    expect(precision(none)).toBeNull();
    expect(recall(none)).toBeNull();
    expect(f1(none)).toBeNull();
    const allMissed = { tp: 0, fp: 0, fn: 4, tn: 5 };
    expect(precision(allMissed)).toBeNull();
    expect(recall(allMissed)).toBe(0);
    expect(f1(allMissed)).toBe(0);
  });

  it('tallies machine against label', () => {
    const c = emptyCounts();
    tally(c, true, true);
    tally(c, true, false);
    tally(c, false, true);
    tally(c, false, false);
    tally(c, false, false);
    expect(c).toEqual({ tp: 1, fp: 1, fn: 1, tn: 2 });
  });
});

describe('averages', () => {
  it('micro from the summed counts, macro as the mean of the defined figures', () => {
    const a = { tp: 3, fp: 1, fn: 2, tn: 4 }; // F1 6/9
    const c = { tp: 1, fp: 1, fn: 1, tn: 7 }; // F1 2/4
    const empty = { tp: 0, fp: 0, fn: 0, tn: 10 }; // F1 undefined: left out of the macro average
    const { micro, macro } = averages([a, c, empty]);
    expect(sumCounts([a, c, empty])).toEqual({ tp: 4, fp: 2, fn: 3, tn: 21 });
    expect(micro.precision).toBeCloseTo(4 / 6, 12);
    expect(micro.recall).toBeCloseTo(4 / 7, 12);
    expect(micro.f1).toBeCloseTo(8 / 13, 12);
    expect(macro.f1).toBeCloseTo((6 / 9 + 2 / 4) / 2, 12);
    expect(macro.precision).toBeCloseTo((3 / 4 + 1 / 2) / 2, 12);
    expect(macro.recall).toBeCloseTo((3 / 5 + 1 / 2) / 2, 12);
    expect(macro.categories).toBe(2);
  });

  it('has no figures over no categories', () => {
    expect(averages([]).macro).toEqual({ precision: null, recall: null, f1: null, categories: 0 });
  });
});

describe('multiclassScores', () => {
  it('computes the confusion matrix, per-class F1, accuracy and macro-F1 by hand', () => {
    const pairs = [
      ['negative', 'negative'],
      ['negative', 'neutral'],
      ['neutral', 'neutral'],
      ['neutral', 'positive'],
      ['positive', 'positive'],
      ['positive', 'positive'],
    ] as const;
    const s = multiclassScores(pairs, ['negative', 'neutral', 'positive']);
    expect(s.matrix).toEqual({
      negative: { negative: 1, neutral: 1, positive: 0 },
      neutral: { negative: 0, neutral: 1, positive: 1 },
      positive: { negative: 0, neutral: 0, positive: 2 },
    });
    // negative: tp 1, fp 0, fn 1 → 2/3; neutral: tp 1, fp 1, fn 1 → 1/2; positive: tp 2, fp 1, fn 0 → 4/5
    expect(s.perClass['negative']!.f1).toBeCloseTo(2 / 3, 12);
    expect(s.perClass['neutral']!.f1).toBeCloseTo(1 / 2, 12);
    expect(s.perClass['positive']!.f1).toBeCloseTo(4 / 5, 12);
    expect(s.macroF1).toBeCloseTo((2 / 3 + 1 / 2 + 4 / 5) / 3, 12);
    expect(s.accuracy).toBeCloseTo(4 / 6, 12);
    expect(s.n).toBe(6);
  });

  it('leaves out a class nobody labelled or predicted, and has no figures without items', () => {
    const s = multiclassScores([['negative', 'negative']], ['negative', 'neutral']);
    expect(s.perClass['neutral']!.f1).toBeNull();
    expect(s.macroF1).toBe(1);
    expect(multiclassScores([], ['a']).accuracy).toBeNull();
  });
});
