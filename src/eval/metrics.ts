/**
 * Classification figures for comparing machine codes with human labels. Pure functions.
 *
 * Where a figure would be 0/0 it is null (printed as "–", empty in JSON as null), never a made-up
 * 0 or 1: with no machine positives there is no precision, with no human positives no recall, and
 * with neither no F1. Averages leave null figures out and say over how many categories they ran.
 */

/** Machine codes against the labels, for one 0/1 code. */
export interface Counts {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

export interface BinaryScores extends Counts {
  precision: number | null;
  recall: number | null;
  f1: number | null;
  /** Posts labelled 1: tp + fn. */
  support: number;
}

export function emptyCounts(): Counts {
  return { tp: 0, fp: 0, fn: 0, tn: 0 };
}

/** Adds one post: the machine's code and the label. */
export function tally(counts: Counts, machine: boolean, label: boolean): void {
  if (machine) counts[label ? 'tp' : 'fp']++;
  else counts[label ? 'fn' : 'tn']++;
}

export function precision({ tp, fp }: Counts): number | null {
  return tp + fp === 0 ? null : tp / (tp + fp);
}

export function recall({ tp, fn }: Counts): number | null {
  return tp + fn === 0 ? null : tp / (tp + fn);
}

/** 2tp / (2tp + fp + fn): the harmonic mean of precision and recall. */
export function f1({ tp, fp, fn }: Counts): number | null {
  const denominator = 2 * tp + fp + fn;
  return denominator === 0 ? null : (2 * tp) / denominator;
}

export function scores(counts: Counts): BinaryScores {
  return { ...counts, precision: precision(counts), recall: recall(counts), f1: f1(counts), support: counts.tp + counts.fn };
}

export function sumCounts(all: readonly Counts[]): Counts {
  const sum = emptyCounts();
  for (const c of all) {
    sum.tp += c.tp;
    sum.fp += c.fp;
    sum.fn += c.fn;
    sum.tn += c.tn;
  }
  return sum;
}

export interface Averages {
  /** From the summed counts of all categories: every (post, category) decision weighs the same. */
  micro: BinaryScores;
  /** Unweighted means over the categories where the figure is defined. */
  macro: { precision: number | null; recall: number | null; f1: number | null; categories: number };
}

export function averages(categories: readonly Counts[]): Averages {
  const micro = scores(sumCounts(categories));
  const mean = (values: (number | null)[]) => {
    const defined = values.filter((v): v is number => v !== null);
    return defined.length === 0 ? null : defined.reduce((a, b) => a + b, 0) / defined.length;
  };
  const f1s = categories.map(f1);
  return {
    micro,
    macro: {
      precision: mean(categories.map(precision)),
      recall: mean(categories.map(recall)),
      f1: mean(f1s),
      categories: f1s.filter((v) => v !== null).length,
    },
  };
}

/** Single-label classification into several classes (sentiment: negative, neutral, positive). */
export interface MulticlassScores {
  classes: string[];
  /** matrix[labelled][predicted] = number of items. */
  matrix: Record<string, Record<string, number>>;
  perClass: Record<string, BinaryScores>;
  accuracy: number | null;
  /** Mean F1 over the classes (a class with no labels and no predictions is left out). */
  macroF1: number | null;
  n: number;
}

export function multiclassScores(pairs: readonly (readonly [labelled: string, predicted: string])[], classes: readonly string[]): MulticlassScores {
  const all = [...classes];
  for (const [labelled, predicted] of pairs) {
    if (!all.includes(labelled)) all.push(labelled);
    if (!all.includes(predicted)) all.push(predicted);
  }
  const matrix: Record<string, Record<string, number>> = {};
  for (const a of all) matrix[a] = Object.fromEntries(all.map((b) => [b, 0]));
  let correct = 0;
  for (const [labelled, predicted] of pairs) {
    matrix[labelled]![predicted]!++;
    if (labelled === predicted) correct++;
  }
  const perClass: Record<string, BinaryScores> = {};
  for (const c of all) {
    const counts = emptyCounts();
    for (const [labelled, predicted] of pairs) tally(counts, predicted === c, labelled === c);
    perClass[c] = scores(counts);
  }
  const f1s = all.map((c) => perClass[c]!.f1).filter((v): v is number => v !== null);
  return {
    classes: all,
    matrix,
    perClass,
    accuracy: pairs.length === 0 ? null : correct / pairs.length,
    macroF1: f1s.length === 0 ? null : f1s.reduce((a, b) => a + b, 0) / f1s.length,
    n: pairs.length,
  };
}
