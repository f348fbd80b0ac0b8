/**
 * The development/test split of the labelled files under ../shared/data, by a hash of each row's id:
 * choices (sentiment weights and bands, cta-v1 cues for GermEval's German comments) look only at the
 * development rows; the figures of record come from the test rows.
 */

/** FNV-1a, 32 bits: a stable hash for splitting rows by id. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** The development split: the 30% of rows whose id hashes to 0–2 (mod 10); the other 70% are the test split. */
export function isDevelopmentRow(id: string): boolean {
  return fnv1a(id) % 10 < 3;
}

export function splitRows<T extends { id: string }>(rows: readonly T[]): { development: T[]; test: T[] } {
  const development: T[] = [];
  const test: T[] = [];
  for (const row of rows) (isDevelopmentRow(row.id) ? development : test).push(row);
  return { development, test };
}
