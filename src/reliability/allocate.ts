import { shuffled, type Random } from './random.js';

export type Allocation = 'equal' | 'proportional';

/**
 * How many of `n` posts to draw from each stratum, never more than a stratum has.
 * - equal: the same number from every stratum, so that rare strata (CTA posts, a small category)
 *   get enough posts for precision and recall; what a stratum cannot fill goes to the others.
 * - proportional: in proportion to the stratum's size (largest remainder), so the sample mirrors
 *   the run.
 * Where posts are left over after an even split, the strata that get one more are chosen at random
 * rather than by name, so that no stratum is favoured by its spelling.
 */
export function allocate(n: number, sizes: readonly number[], allocation: Allocation, random: Random): number[] {
  const total = sizes.reduce((a, b) => a + b, 0);
  const target = Math.min(n, total);
  return allocation === 'equal' ? allocateEqually(target, sizes, random) : allocateProportionally(target, sizes, total, random);
}

function allocateEqually(target: number, sizes: readonly number[], random: Random): number[] {
  const taken = sizes.map(() => 0);
  let left = target;
  for (;;) {
    const open = sizes.map((size, i) => i).filter((i) => taken[i]! < sizes[i]!);
    if (left === 0 || open.length === 0) return taken;
    const share = Math.floor(left / open.length);
    if (share === 0) {
      for (const i of shuffled(open, random).slice(0, left)) taken[i]!++;
      return taken;
    }
    for (const i of open) {
      const add = Math.min(share, sizes[i]! - taken[i]!);
      taken[i]! += add;
      left -= add;
    }
  }
}

function allocateProportionally(target: number, sizes: readonly number[], total: number, random: Random): number[] {
  if (total === 0) return sizes.map(() => 0);
  const quotas = sizes.map((size) => (target * size) / total);
  const taken = quotas.map(Math.floor);
  const left = target - taken.reduce((a, b) => a + b, 0);
  // A random order first, then a stable sort by remainder: equal remainders are broken at random.
  const byRemainder = shuffled(sizes.map((_size, i) => i), random).sort((a, b) => quotas[b]! - taken[b]! - (quotas[a]! - taken[a]!));
  for (const i of byRemainder.slice(0, left)) taken[i]!++;
  return taken;
}
