import type { CodeValue } from './coded-unit.js';

/**
 * Cohen's (1960) kappa for two coders: (p_o - p_e) / (1 - p_e), over the units both coded.
 * null where undefined: no unit coded by both, or both coders gave one and the same value to every
 * unit (p_e = 1, so kappa would be 0/0).
 */
export function cohenKappa(pairs: readonly (readonly [CodeValue | null, CodeValue | null])[]): number | null {
  const first = new Map<string, number>();
  const second = new Map<string, number>();
  let n = 0;
  let agree = 0;
  for (const [a, b] of pairs) {
    if (a === null || b === null) continue;
    const ka = String(a);
    const kb = String(b);
    first.set(ka, (first.get(ka) ?? 0) + 1);
    second.set(kb, (second.get(kb) ?? 0) + 1);
    if (ka === kb) agree++;
    n++;
  }
  if (n === 0) return null;
  let chance = 0;
  for (const [value, count] of first) chance += (count / n) * ((second.get(value) ?? 0) / n);
  if (chance === 1) return null;
  return (agree / n - chance) / (1 - chance);
}
