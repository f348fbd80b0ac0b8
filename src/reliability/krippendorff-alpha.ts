import { presentValues, type CodedUnit } from './coded-unit.js';

/**
 * Krippendorff's alpha for nominal data, any number of coders, missing values allowed
 * (Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability", section C).
 *
 * With the coincidence matrix o_ck and its marginals n_c (over pairable values only, i.e. units
 * with at least two values), alpha = 1 - (n - 1) * sum_{c != k} o_ck / sum_{c != k} n_c n_k.
 * sum_{c != k} o_ck is sum over units of (m_u^2 - sum_c n_uc^2) / (m_u - 1), and
 * sum_{c != k} n_c n_k is n^2 - sum_c n_c^2, so no matrix needs to be built.
 *
 * null where alpha is undefined: fewer than two pairable values, or every value given is the same
 * (no variation, so expected disagreement is 0 and alpha would be 0/0).
 */
export function krippendorffAlpha(units: readonly CodedUnit[]): number | null {
  const totals = new Map<string, number>();
  let n = 0;
  let observed = 0;
  for (const unit of units) {
    const values = presentValues(unit);
    const m = values.length;
    if (m < 2) continue;
    const counts = new Map<string, number>();
    for (const value of values) {
      const key = valueKey(value);
      counts.set(key, (counts.get(key) ?? 0) + 1);
      totals.set(key, (totals.get(key) ?? 0) + 1);
    }
    let sameSquares = 0;
    for (const count of counts.values()) sameSquares += count * count;
    observed += (m * m - sameSquares) / (m - 1);
    n += m;
  }
  if (n < 2) return null;
  let totalSquares = 0;
  for (const count of totals.values()) totalSquares += count * count;
  const expected = n * n - totalSquares;
  if (expected === 0) return null;
  return 1 - ((n - 1) * observed) / expected;
}

/** 1 and "1" are the same code: a spreadsheet may give either. */
function valueKey(value: string | number): string {
  return String(value);
}
