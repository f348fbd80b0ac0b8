/**
 * The development/test split of the labelled files under ../shared/data, by a hash of each row's id:
 * choices (sentiment weights and bands, cta-v1 cues for GermEval's German comments) look only at the
 * development rows; the figures of record come from the test rows.
 */

import { fnv1a } from '../runtime/fnv1a.js';

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
