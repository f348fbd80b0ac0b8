/** A code a coder (or the machine) gave: 0/1 for CTA codes, any label for the general statistics. */
export type CodeValue = string | number;

/**
 * What every coder gave one unit (post), one entry per coder; null where that coder did not code it.
 * This is Krippendorff's reliability data matrix, read one column at a time.
 */
export type CodedUnit = readonly (CodeValue | null)[];

/** The values of a unit that a coder actually gave. */
export function presentValues(unit: CodedUnit): CodeValue[] {
  return unit.filter((value): value is CodeValue => value !== null);
}
