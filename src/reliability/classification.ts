/** Machine codes against the human reference, for one 0/1 code. */
export interface Confusion {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

export function confusion(pairs: readonly (readonly [machine: 0 | 1, reference: 0 | 1])[]): Confusion {
  const counts: Confusion = { tp: 0, fp: 0, fn: 0, tn: 0 };
  for (const [machine, reference] of pairs) {
    if (machine === 1) counts[reference === 1 ? 'tp' : 'fp']++;
    else counts[reference === 1 ? 'fn' : 'tn']++;
  }
  return counts;
}

/*
 * Where a figure would be 0/0 it is null (reported as empty), never a made-up 0 or 1: with no
 * machine positives there is no precision to measure, with no human positives no recall, and with
 * neither there is no F1. A 0 would read as "always wrong" and a 1 as "always right", and either
 * would enter a paper's averages. Where one side has positives and the other none, the defined
 * figures are 0 (tp = 0), and so is F1.
 */

export function precision({ tp, fp }: Confusion): number | null {
  return tp + fp === 0 ? null : tp / (tp + fp);
}

export function recall({ tp, fn }: Confusion): number | null {
  return tp + fn === 0 ? null : tp / (tp + fn);
}

/** 2tp / (2tp + fp + fn): the harmonic mean of precision and recall, and defined whenever either is. */
export function f1({ tp, fp, fn }: Confusion): number | null {
  const denominator = 2 * tp + fp + fn;
  return denominator === 0 ? null : (2 * tp) / denominator;
}
