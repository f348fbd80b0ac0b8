/**
 * FNV-1a, 32 bits, over UTF-16 code units: a stable, cheap hash of short text. `fnv1a` hashes a
 * whole string; a scanner that reads the code units anyway builds the same hash up itself, from
 * `fnv1aSeed` with one `fnv1aStep` per unit (the steps give a signed 32-bit value; `>>> 0` makes
 * it the unsigned one `fnv1a` returns).
 */
export const fnv1aSeed = 0x811c9dc5 | 0;

export function fnv1aStep(hash: number, code: number): number {
  return Math.imul(hash ^ code, 0x01000193);
}

export function fnv1a(text: string): number {
  let hash = fnv1aSeed;
  for (let i = 0; i < text.length; i++) hash = fnv1aStep(hash, text.charCodeAt(i));
  return hash >>> 0;
}
